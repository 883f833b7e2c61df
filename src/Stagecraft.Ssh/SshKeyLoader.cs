using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Ssh;

/// <summary>
/// Loads <c>infra.bootstrap.ssh.private_key_path</c>: ed25519, ecdsa or rsa, in OpenSSH or PEM (PKCS#1, SEC1, PKCS#8)
/// format, optionally protected by a passphrase (given as a <see cref="Secret"/>, never shown). Called before any cloud
/// call, so a bad key fails fast with one clear message that blames the config key at fault.
/// </summary>
public static class SshKeyLoader
{
    private const string PathKey = "private_key_path";
    private const string PassphraseKey = "private_key_passphrase_env";

    /// <summary>Loads an unprotected key.</summary>
    /// <exception cref="ConfigException">The file is missing, unreadable, not a private key, or protected by a passphrase.</exception>
    public static SshPrivateKey Load(string path)
    {
        var result = TryLoad(path, passphraseEnv: null, passphrase: null);
        return result.Key ?? throw new ConfigException($"{SshSettings.KeyPath(result.Problem!.Value.Key)}: {result.Problem.Value.Text}");
    }

    /// <summary>
    /// Loads the key at <paramref name="path"/>, decrypting it with <paramref name="passphrase"/> (read from the variable
    /// <paramref name="passphraseEnv"/> names; null when unset) if it is protected. Returns the key, or the problem and
    /// the key (<c>private_key_path</c> or <c>private_key_passphrase_env</c>) it blames.
    /// </summary>
    internal static SshKeyLoadResult TryLoad(string path, string? passphraseEnv, Secret? passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content;
        try
        {
            if (Directory.Exists(path))
            {
                return CannotRead(path, "it is a directory");
            }

            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return CannotRead(path, "file not found");
        }
        catch (UnauthorizedAccessException)
        {
            return CannotRead(path, "permission denied");
        }
        catch (IOException e)
        {
            return CannotRead(path, e.Message.ReplaceLineEndings(" "));
        }

        try
        {
            if (LooksLikePublicKey(content))
            {
                return CannotRead(path, "this is a public key; give the private key file (without .pub)");
            }

            if (Parse(content, null) is { } plain)
            {
                return Loaded(path, plain);
            }

            if (!IsProtected(content))
            {
                return NotAKey(path);
            }

            if (passphraseEnv is null)
            {
                return Problem(PathKey, $"private key {path} is protected by a passphrase; name the environment variable holding it in {SshSettings.KeyPath(PassphraseKey)}, or use agent: true");
            }

            if (passphrase is null)
            {
                return Problem(PassphraseKey, $"private key {path} is protected by a passphrase, but the environment variable {passphraseEnv} is not set");
            }

            return Parse(content, passphrase) is { } decrypted
                ? Loaded(path, decrypted)
                : Problem(PassphraseKey, $"the passphrase in {passphraseEnv} does not decrypt private key {path}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>The key file, or null when it is no key (or needs a passphrase it was not given, or a wrong one).</summary>
    private static PrivateKeyFile? Parse(byte[] content, Secret? passphrase)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            return passphrase is null ? new PrivateKeyFile(stream) : new PrivateKeyFile(stream, passphrase.Reveal());
        }
        catch (Exception e) when (IsParseFailure(e))
        {
            return passphrase is null ? null : DecryptPkcs8(content, passphrase);
        }
    }

    /// <summary>
    /// An encrypted PKCS#8 key (<c>ssh-keygen -m PKCS8</c>: PBES2, AES-CBC), which SSH.NET's own reader cannot decrypt:
    /// decrypted with .NET's reader, then given to SSH.NET as plain PKCS#8.
    /// </summary>
    private static PrivateKeyFile? DecryptPkcs8(byte[] content, Secret passphrase)
    {
        if (!IsEncryptedPkcs8(content))
        {
            return null;
        }

        var pem = Encoding.ASCII.GetString(content);

        foreach (var algorithm in new Func<AsymmetricAlgorithm>[] { RSA.Create, ECDsa.Create })
        {
            using var key = algorithm();
            try
            {
                key.ImportFromEncryptedPem(pem, passphrase.Reveal());
            }
            catch (CryptographicException)
            {
                continue;
            }

            var plain = Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem());
            try
            {
                return Parse(plain, null);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }

        return null;
    }

    /// <summary>True when SSH.NET asks for a passphrase to read the key.</summary>
    private static bool IsProtected(byte[] content)
    {
        if (IsEncryptedPkcs8(content))
        {
            return true;
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var file = new PrivateKeyFile(stream);
            return false;
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return true;
        }
        catch (Exception e) when (IsParseFailure(e))
        {
            return false;
        }
    }

    /// <summary>
    /// SSH.NET's key readers (and the BouncyCastle code under them) report a file that is no key, or a wrong passphrase,
    /// with many exception types; none of them is a reason to stop.
    /// </summary>
    private static bool IsParseFailure(Exception e) => e is not (OutOfMemoryException or OperationCanceledException);

    private static SshKeyLoadResult Loaded(string path, PrivateKeyFile file) =>
        new(new SshPrivateKey(path, file.Key.ToString() ?? "unknown", file), null);

    private static SshKeyLoadResult NotAKey(string path) =>
        CannotRead(path, "not a supported private key (expected an ed25519, ecdsa or rsa key in OpenSSH or PEM format)");

    private static SshKeyLoadResult CannotRead(string path, string reason) => Problem(PathKey, $"cannot read private key {path}: {reason}");

    private static SshKeyLoadResult Problem(string key, string text) => new(null, (key, text));

    private static bool IsEncryptedPkcs8(ReadOnlySpan<byte> content) => content.IndexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----"u8) >= 0;

    private static bool LooksLikePublicKey(byte[] content)
    {
        ReadOnlySpan<byte> span = content;
        return span.StartsWith("ssh-"u8) || span.StartsWith("ecdsa-sha2-"u8) || span.StartsWith("---- BEGIN SSH2 PUBLIC KEY"u8);
    }
}
