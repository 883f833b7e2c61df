using System.Globalization;
using System.Text.RegularExpressions;

namespace Stagecraft.Tailscale;

/// <summary>Reads Tailscale versions: <c>min_version</c> from config and line 1 of <c>tailscale version</c>.</summary>
internal static partial class TailscaleVersions
{
    /// <summary>Exactly <c>major.minor.patch</c>, as <c>min_version</c> is written.</summary>
    public static Version? ParseExact(string text)
    {
        var match = ExactPattern().Match(text);
        return match.Success ? ToVersion(match) : null;
    }

    /// <summary>
    /// The short version from <c>tailscale version</c> output: only line 1 is read, and a suffix such as
    /// <c>-t0a29cf18b-g3f044c9f6</c> is dropped (<c>1.94.2-t1234…</c> → 1.94.2).
    /// </summary>
    public static Version? ParseOutput(string output)
    {
        var match = OutputPattern().Match(FirstLine(output));
        return match.Success ? ToVersion(match) : null;
    }

    /// <summary>Line 1 of <paramref name="output"/>, trimmed.</summary>
    public static string FirstLine(string output)
    {
        var text = output.ReplaceLineEndings("\n").TrimStart('\n');
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }

    public static string Format(Version version) => version.ToString(3);

    private static Version? ToVersion(Match match)
    {
        var parts = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(match.Groups[i + 1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return null;
            }
        }

        return new Version(parts[0], parts[1], parts[2]);
    }

    [GeneratedRegex(@"^([0-9]{1,9})\.([0-9]{1,9})\.([0-9]{1,9})\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExactPattern();

    [GeneratedRegex(@"^v?([0-9]{1,9})\.([0-9]{1,9})\.([0-9]{1,9})([-+][0-9A-Za-z.+-]*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex OutputPattern();
}
