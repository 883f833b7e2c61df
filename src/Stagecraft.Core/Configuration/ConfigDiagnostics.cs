namespace Stagecraft.Core.Configuration;

/// <summary>Collects every configuration error of one file.</summary>
public sealed class ConfigDiagnostics
{
    private readonly List<ConfigError> errors = [];

    public ConfigDiagnostics(string file)
    {
        File = file;
    }

    public string File { get; }

    public bool HasErrors => errors.Count > 0;

    /// <summary>Errors sorted by place in the file, then key path, so output is deterministic.</summary>
    public IReadOnlyList<ConfigError> Errors =>
        [.. errors.Distinct().OrderBy(e => e.Mark.Line).ThenBy(e => e.Mark.Column).ThenBy(e => e.KeyPath, StringComparer.Ordinal).ThenBy(e => e.Problem, StringComparer.Ordinal)];

    public void Add(ConfigMark mark, string keyPath, string problem) => errors.Add(new ConfigError(File, mark, keyPath, problem));

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new ConfigException(Errors);
        }
    }
}
