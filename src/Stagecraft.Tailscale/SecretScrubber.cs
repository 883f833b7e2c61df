using System.Text.RegularExpressions;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Tailscale;

/// <summary>
/// Removes the auth key from any text echoed from a host (stderr lines in failure messages), defensively:
/// the key value itself (raw and trimmed) and anything shaped like a Tailscale key (<c>tskey-…</c>).
/// </summary>
internal static partial class SecretScrubber
{
    public static string Scrub(string text, Secret? key)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (key is not null)
        {
            var value = key.Reveal();
            text = text.Replace(value, Secret.Redacted, StringComparison.Ordinal);
            var trimmed = value.Trim();
            if (trimmed.Length > 0)
            {
                text = text.Replace(trimmed, Secret.Redacted, StringComparison.Ordinal);
            }
        }

        return TailscaleKeyPattern().Replace(text, Secret.Redacted);
    }

    [GeneratedRegex(@"tskey-[A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex TailscaleKeyPattern();
}
