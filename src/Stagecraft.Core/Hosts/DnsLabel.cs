using System.Text.RegularExpressions;

namespace Stagecraft.Core.Hosts;

/// <summary>RFC 1123 DNS label: lowercase letters, digits and '-', not starting or ending with '-', 1-63 chars.</summary>
public static partial class DnsLabel
{
    public static bool IsValid(string value) => value.Length is > 0 and <= 63 && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
