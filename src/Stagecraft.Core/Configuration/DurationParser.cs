using System.Globalization;
using System.Text.RegularExpressions;

namespace Stagecraft.Core.Configuration;

/// <summary>Parses durations such as <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
public static partial class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return false;
        }

        long totalMs = 0;
        foreach (Capture capture in match.Groups["part"].Captures)
        {
            var part = capture.Value;
            var unitStart = part.IndexOfAny(['h', 'm', 's']);
            if (!long.TryParse(part.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000)
            {
                return false;
            }

            totalMs += part[unitStart..] switch
            {
                "h" => amount * 3_600_000,
                "m" => amount * 60_000,
                "s" => amount * 1_000,
                _ => amount,
            };
        }

        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>Formats a duration the way the config writes it (<c>5m</c>, <c>90s</c>, <c>1h30m</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.TotalSeconds < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMilliseconds}ms");
        }

        var parts = new List<string>();
        if (duration.Hours + (duration.Days * 24) > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Hours + (duration.Days * 24)}h"));
        }

        if (duration.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m"));
        }

        if (duration.Seconds > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds}s"));
        }

        return string.Concat(parts);
    }

    [GeneratedRegex("^(?<part>[0-9]+(ms|h|m|s))+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
