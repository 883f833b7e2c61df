namespace Stagecraft.Core.Bootstrap;

/// <summary>The fields of <c>/etc/os-release</c> that decide support. Values may be quoted or not.</summary>
public sealed record OsRelease(string Id, string VersionId, string PrettyName, string Codename)
{
    private static readonly (string Id, string Version, string Label)[] Supported =
    [
        ("ubuntu", "22.04", "Ubuntu 22.04"),
        ("ubuntu", "24.04", "Ubuntu 24.04"),
        ("debian", "12", "Debian 12"),
    ];

    public static string SupportedList => string.Join(", ", Supported.Select(s => s.Label));

    public bool IsSupported => Supported.Any(s => s.Id == Id && s.Version == VersionId);

    public string Describe() => PrettyName.Length > 0 ? PrettyName : $"{(Id.Length > 0 ? Id : "unknown")} {VersionId}".Trim();

    public static OsRelease Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || eq <= 0)
            {
                continue;
            }

            var value = line[(eq + 1)..];
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                value = value[1..^1];
            }

            values[line[..eq]] = value;
        }

        string Get(string key) => values.TryGetValue(key, out var v) ? v : string.Empty;
        var codename = Get("UBUNTU_CODENAME") is { Length: > 0 } u ? u : Get("VERSION_CODENAME");
        return new OsRelease(Get("ID"), Get("VERSION_ID"), Get("PRETTY_NAME"), codename);
    }
}
