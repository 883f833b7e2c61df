namespace Stagecraft.Core.Configuration;

/// <summary>
/// Where the keys of one config section were written (<c>file:line:col</c> of each value), so a later check that
/// blames a key (a preflight finding) can name its place like a <see cref="ConfigError"/>. A key left at its default
/// has no place; it is then named by its key path alone.
/// </summary>
public sealed class ConfigPlaces
{
    private readonly IReadOnlyDictionary<string, ConfigMark> marks;

    public ConfigPlaces(string file, IReadOnlyDictionary<string, ConfigMark> marks)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(marks);
        File = file;
        this.marks = marks;
    }

    /// <summary>No key has a place (settings built in code, or every key at its default).</summary>
    public static ConfigPlaces None { get; } = new(string.Empty, new Dictionary<string, ConfigMark>(StringComparer.Ordinal));

    public string File { get; }

    /// <summary>Where <paramref name="keyPath"/> was written, or null when it was not.</summary>
    public ConfigMark? Find(string keyPath) => marks.TryGetValue(keyPath, out var mark) ? mark : null;

    /// <summary>
    /// One line blaming <paramref name="keyPath"/>: <c>file:line:col: key.path: problem</c> when the key was written,
    /// else <c>key.path: problem</c>.
    /// </summary>
    public string Describe(string keyPath, string problem) =>
        Find(keyPath) is { } mark ? new ConfigError(File, mark, keyPath, problem).ToString() : $"{keyPath}: {problem}";
}
