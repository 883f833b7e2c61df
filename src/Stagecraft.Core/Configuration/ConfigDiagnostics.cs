namespace Stagecraft.Core.Configuration;

/// <summary>Collects every configuration error of one file.</summary>
public sealed class ConfigDiagnostics
{
    private readonly List<ConfigError> errors = [];
    private readonly SortedDictionary<string, SortedSet<string>> knownKeys = new(StringComparer.Ordinal);

    public ConfigDiagnostics(string file)
    {
        File = file;
    }

    public string File { get; }

    public bool HasErrors => errors.Count > 0;

    /// <summary>Errors sorted by place in the file, then key path, so output is deterministic.</summary>
    public IReadOnlyList<ConfigError> Errors =>
        [.. errors.Distinct().OrderBy(e => e.Mark.Line).ThenBy(e => e.Mark.Column).ThenBy(e => e.KeyPath, StringComparer.Ordinal).ThenBy(e => e.Problem, StringComparer.Ordinal)];

    /// <summary>
    /// The keys each completed section knows (its path → the keys a getter asked for or accepted), i.e. what the loader
    /// accepts there. Map sections (environments, hosts, role tags) list the names they were given.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> KnownKeys =>
        knownKeys.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)[.. k.Value], StringComparer.Ordinal);

    internal void RecordKnown(string sectionPath, IEnumerable<string> keys)
    {
        if (!knownKeys.TryGetValue(sectionPath, out var set))
        {
            knownKeys[sectionPath] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.UnionWith(keys);
    }

    public void Add(ConfigMark mark, string keyPath, string problem) => errors.Add(new ConfigError(File, mark, keyPath, problem));

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new ConfigException(Errors);
        }
    }
}
