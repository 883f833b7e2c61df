using System.Security.Cryptography;

namespace Stagecraft.EndToEnd.Support;

/// <summary>OpenSSH's <c>SHA256:…</c> fingerprint of a public key line (<c>ssh-ed25519 AAAA…</c>).</summary>
public static class HostKeyFingerprint
{
    public static string Sha256(string publicKeyLine)
    {
        ArgumentNullException.ThrowIfNull(publicKeyLine);
        var blob = Convert.FromBase64String(publicKeyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }
}
