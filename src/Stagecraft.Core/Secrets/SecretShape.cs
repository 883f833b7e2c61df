namespace Stagecraft.Core.Secrets;

/// <summary>
/// Tells a plausible environment variable NAME from a secret pasted where the name belongs (<c>token_env</c>,
/// <c>auth_key_env</c>, <c>private_key_passphrase_env</c>, any later <c>*_env</c>), and a command-line token that must
/// not be echoed. One rule for every such place, so a value is either shown nowhere or safe everywhere.
/// </summary>
public static class SecretShape
{
    /// <summary>Prefixes of DigitalOcean (personal, OAuth, refresh) and Tailscale tokens and keys.</summary>
    private static readonly string[] KnownPrefixes = ["dop_v1_", "doo_v1_", "dor_v1_", "tskey-"];

    /// <summary>
    /// Looks like a secret: a known token prefix; or long (24+) and random-looking: only token characters (letters,
    /// digits, <c>_</c>, <c>-</c>; so never a path), some digits, and no <c>_</c> between words or lower case, upper case
    /// and digits all mixed (names are words in one case: <c>DIGITALOCEAN_TOKEN_2</c>).
    /// </summary>
    public static bool LooksLikeSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (KnownPrefixes.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (value.Length < 24 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') || !value.Any(char.IsAsciiDigit))
        {
            return false;
        }

        var lower = value.Any(char.IsAsciiLetterLower);
        var upper = value.Any(char.IsAsciiLetterUpper);
        return !value.Contains('_', StringComparison.Ordinal) || (lower && upper);
    }

    /// <summary>A POSIX-portable variable name (letters, digits and <c>_</c>, not starting with a digit) that does not look like a secret.</summary>
    public static bool IsPlausibleVariableName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length is > 0 and <= 255
            && (char.IsAsciiLetter(value[0]) || value[0] == '_')
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            && !LooksLikeSecret(value);
    }
}
