using System.Security.Cryptography;
using System.Text;

namespace Stagecraft.Ssh;

/// <summary>
/// Reads OpenSSH known_hosts text (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT") for one host: plain and hashed
/// (<c>|1|salt|hash</c>) host fields, comma-separated patterns with <c>*</c>, <c>?</c> and <c>!</c> negation, and the
/// <c>@revoked</c> and <c>@cert-authority</c> markers. Lines it cannot read are skipped, as OpenSSH does.
/// </summary>
internal static class KnownHostsFile
{
    private const string RevokedMarker = "@revoked";
    private const string CertificateAuthorityMarker = "@cert-authority";

    public static KnownHostsMatch Find(string text, string hostToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pinned = new List<HostKey>();
        var revoked = new List<KnownHostLine>();
        var authorities = new List<int>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            string? marker = null;
            if (fields[0][0] == '@')
            {
                marker = fields[0];
                fields = fields[1..];
            }

            if (fields.Length < 3 || !HostFieldMatches(fields[0], hostToken))
            {
                continue;
            }

            switch (marker)
            {
                case null when TryKey(fields[1], fields[2]) is { } key:
                    pinned.Add(key);
                    break;
                case RevokedMarker when TryKey(fields[1], fields[2]) is { } key:
                    revoked.Add(new KnownHostLine(lineNumber, key));
                    break;
                case CertificateAuthorityMarker:
                    authorities.Add(lineNumber);
                    break;
            }
        }

        return new KnownHostsMatch(pinned, revoked, authorities);
    }

    /// <summary>
    /// The text without the pins for <paramref name="hostToken"/>: an unmarked line whose host field names exactly that
    /// host (plainly, case-insensitively, or hashed) goes; in a comma-separated field only that name goes. Patterns
    /// (<c>*</c>, <c>?</c>, <c>!</c>), <c>@revoked</c> and <c>@cert-authority</c> lines, comments and every other line
    /// stay byte for byte. Returns whether anything was removed.
    /// </summary>
    public static (string Text, bool Removed) Forget(string text, string hostToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        var removed = false;
        foreach (var rawLine in lines)
        {
            var line = rawLine.TrimStart();
            var fieldEnd = line.IndexOfAny([' ', '\t']);
            if (line.Length == 0 || line[0] is '#' or '@' || fieldEnd <= 0)
            {
                kept.Add(rawLine);
                continue;
            }

            var field = line[..fieldEnd];
            if (field.StartsWith("|1|", StringComparison.Ordinal))
            {
                if (HashedMatches(field, hostToken))
                {
                    removed = true;
                }
                else
                {
                    kept.Add(rawLine);
                }

                continue;
            }

            var names = field.Split(',');
            var others = names.Where(n => !string.Equals(n, hostToken, StringComparison.OrdinalIgnoreCase)).ToList();
            if (others.Count == names.Length)
            {
                kept.Add(rawLine);
                continue;
            }

            removed = true;
            if (others.Count > 0)
            {
                kept.Add(rawLine[..(rawLine.Length - line.Length)] + string.Join(',', others) + line[fieldEnd..]);
            }
        }

        return (string.Join('\n', kept), removed);
    }

    /// <summary>Whether a host field (patterns or one hashed name) matches the host token (<c>ip</c> or <c>[ip]:port</c>).</summary>
    internal static bool HostFieldMatches(string field, string hostToken)
    {
        if (field.StartsWith("|1|", StringComparison.Ordinal))
        {
            return HashedMatches(field, hostToken);
        }

        // ssh's match_hostname: a matching negated pattern rejects at once; otherwise any positive match accepts.
        var matched = false;
        foreach (var pattern in field.Split(','))
        {
            if (pattern.StartsWith('!'))
            {
                if (Wildcard(pattern[1..], hostToken))
                {
                    return false;
                }
            }
            else if (Wildcard(pattern, hostToken))
            {
                matched = true;
            }
        }

        return matched;
    }

    /// <summary>Case-insensitive glob with <c>*</c> (any run) and <c>?</c> (one character).</summary>
    internal static bool Wildcard(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static HostKey? TryKey(string keyType, string base64)
    {
        try
        {
            return new HostKey(keyType, Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary><c>|1|base64(salt)|base64(HMAC-SHA1(salt, host))</c>, as written by <c>ssh-keygen -H</c> / HashKnownHosts.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "OpenSSH's hashed known_hosts format is defined as HMAC-SHA1; we only read it.")]
    private static bool HashedMatches(string field, string hostToken)
    {
        var parts = field.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var hash = Convert.FromBase64String(parts[3]);
            var actual = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(hostToken));
            return CryptographicOperations.FixedTimeEquals(actual, hash);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>A key on a numbered known_hosts line.</summary>
internal sealed record KnownHostLine(int Line, HostKey Key);

/// <summary>What known_hosts holds for one host: pinned keys, revoked keys and the lines naming a certificate authority.</summary>
internal sealed record KnownHostsMatch(IReadOnlyList<HostKey> Pinned, IReadOnlyList<KnownHostLine> Revoked, IReadOnlyList<int> CertificateAuthorityLines)
{
    public static KnownHostsMatch None { get; } = new([], [], []);

    /// <summary>
    /// Revoked wins over everything (a revoked key is refused even when also pinned); then a pinned key passes and any
    /// other key of a pinned host is refused. A host with only <c>@cert-authority</c> lines is refused too: its owner
    /// trusts certificates, which stagecraft does not check, so pinning whatever key comes first would undercut them.
    /// </summary>
    public HostKeyCheck Check(HostKey presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (Revoked.Any(r => r.Key.Equals(presented)))
        {
            return HostKeyCheck.Revoked;
        }

        if (Pinned.Contains(presented))
        {
            return HostKeyCheck.Known;
        }

        if (Pinned.Count > 0)
        {
            return HostKeyCheck.Changed;
        }

        return CertificateAuthorityLines.Count > 0 ? HostKeyCheck.CertificateAuthority : HostKeyCheck.Unknown;
    }
}
