using System.Security.Cryptography;

namespace Stagecraft.DoEmulator;

/// <summary>An SSH key on the emulated account.</summary>
public sealed record EmulatorSshKey(long Id, string Name, string Fingerprint, string PublicKey)
{
    /// <summary>
    /// A key from its OpenSSH public key line (<c>ssh-ed25519 AAAA… comment</c>), with the fingerprint DigitalOcean
    /// shows: the MD5 of the decoded key blob as colon-separated hex.
    /// </summary>
    public static EmulatorSshKey FromPublicKey(long id, string name, string publicKeyLine)
    {
        ArgumentNullException.ThrowIfNull(publicKeyLine);
        var parts = publicKeyLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new ArgumentException("expected an OpenSSH public key line: TYPE BASE64 [COMMENT]", nameof(publicKeyLine));
        }

        var blob = Convert.FromBase64String(parts[1]);
#pragma warning disable CA5351 // DigitalOcean names account keys by their MD5 fingerprint; an identifier, not a security check.
        var fingerprint = string.Join(':', MD5.HashData(blob).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
#pragma warning restore CA5351
        return new EmulatorSshKey(id, name, fingerprint, publicKeyLine.Trim());
    }
}
