using System.Security.Cryptography;
using Renci.SshNet;
using Renci.SshNet.Common;
using Stagecraft.Core.Configuration;

namespace Stagecraft.Ssh;

/// <summary>
/// Loads <c>infra.bootstrap.ssh.private_key_path</c> (OpenSSH, PEM or PuTTY format; ed25519, ecdsa or rsa).
/// Called by the CLI before any cloud call, so a bad key fails fast with one clear <see cref="ConfigException"/>.
/// </summary>
public static class SshKeyLoader
{
    private const string Place = "infra.bootstrap.ssh.private_key_path";

    /// <exception cref="ConfigException">The file is missing, unreadable, not a private key, or protected by a passphrase.</exception>
    public static SshPrivateKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content;
        try
        {
            if (Directory.Exists(path))
            {
                throw CannotRead(path, "it is a directory");
            }

            content = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw CannotRead(path, "file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw CannotRead(path, "file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw CannotRead(path, "permission denied");
        }
        catch (IOException e)
        {
            throw CannotRead(path, e.Message);
        }

        if (LooksLikePublicKey(content))
        {
            throw CannotRead(path, "this is a public key; give the private key file (without .pub)");
        }

        PrivateKeyFile keyFile;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            keyFile = new PrivateKeyFile(stream);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            throw new ConfigException(
                $"{Place}: private key {path} is protected by a passphrase; use an unencrypted deploy key or an ssh-agent-free key file");
        }
        catch (Exception e) when (e is SshException or FormatException or ArgumentException or NotSupportedException or CryptographicException or InvalidOperationException or IndexOutOfRangeException or EndOfStreamException)
        {
            throw CannotRead(path, "not a supported private key (expected an unencrypted ed25519, ecdsa or rsa key in OpenSSH format)");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }

        return new SshPrivateKey(path, keyFile.Key.ToString() ?? "unknown", keyFile);
    }

    private static ConfigException CannotRead(string path, string reason) =>
        new($"{Place}: cannot read private key {path}: {reason}");

    private static bool LooksLikePublicKey(byte[] content)
    {
        ReadOnlySpan<byte> span = content;
        return span.StartsWith("ssh-"u8) || span.StartsWith("ecdsa-sha2-"u8) || span.StartsWith("---- BEGIN SSH2 PUBLIC KEY"u8);
    }
}
