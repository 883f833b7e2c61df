using System.Globalization;

namespace Stagecraft.Ssh.Tests;

/// <summary>Key files as ssh-keygen writes them: each type in OpenSSH, PEM (PKCS#1 / SEC1) and PKCS#8 format, with or without passphrase.</summary>
internal static class KeyFiles
{
    /// <summary>
    /// <paramref name="format"/>: <c>openssh</c>, <c>pem</c> or <c>pkcs8</c> (ssh-keygen <c>-m</c>); ed25519 exists only as
    /// <c>openssh</c>. Returns the private key path (the public key is next to it, <c>.pub</c>).
    /// </summary>
    public static async Task<string> CreateAsync(string directory, string type, string format, string passphrase = "")
    {
        var name = $"id_{type}_{format}{(passphrase.Length > 0 ? "_locked" : string.Empty)}";
        var path = Path.Combine(directory, name);
        var args = new List<string> { "-q", "-t", type, "-N", passphrase, "-C", "stagecraft-test", "-f", path };
        if (type == "rsa")
        {
            args.AddRange(["-b", "2048"]);
        }

        if (format != "openssh")
        {
            args.AddRange(["-m", format.ToUpper(CultureInfo.InvariantCulture)]);
        }

        await ProcessRunner.RunAsync("ssh-keygen", [.. args]);
        return path;
    }
}
