using System.Text.RegularExpressions;

namespace Stagecraft.Tailscale;

/// <summary>
/// The value rules Tailscale and the shell need: tags, hostnames, tailnet domains, env-var names.
/// Patterns end in <c>\z</c>, not <c>$</c>, so a trailing newline never passes.
/// </summary>
internal static partial class TailscaleNames
{
    public const string TagRule = "tags must start with \"tag:\" followed by a letter, then letters, digits or '-'";

    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    /// <summary>A node hostname: one lowercase DNS label, 1-63 characters (what <c>--hostname</c> accepts).</summary>
    public static bool IsValidHostname(string hostname) => hostname.Length <= 63 && LabelPattern().IsMatch(hostname);

    /// <summary>A DNS name of at least two lowercase labels, e.g. <c>example.ts.net</c>.</summary>
    public static bool IsValidDomain(string domain)
    {
        if (domain.Length > 253)
        {
            return false;
        }

        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(IsValidHostname);
    }

    [GeneratedRegex(@"^tag:[A-Za-z][A-Za-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
