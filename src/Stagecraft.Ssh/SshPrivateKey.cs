using Renci.SshNet;
using Renci.SshNet.Security;

namespace Stagecraft.Ssh;

/// <summary>A private key loaded from disk by <see cref="SshKeyLoader"/>, ready for SSH public-key authentication.</summary>
public sealed class SshPrivateKey
{
    internal SshPrivateKey(string path, string keyType, IPrivateKeySource source)
    {
        Path = path;
        KeyType = keyType;
        Source = source;
    }

    /// <summary>The file the key was read from (shown in authentication errors).</summary>
    public string Path { get; }

    /// <summary>The SSH key type, e.g. <c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c> or <c>ssh-rsa</c>.</summary>
    public string KeyType { get; }

    internal IPrivateKeySource Source { get; }

    /// <summary>
    /// The public key in SSH wire format (what <c>authorized_keys</c> holds, base64-decoded): the data of the host
    /// algorithm named like the key (an RSA key also signs as rsa-sha2-*, with the same <c>ssh-rsa</c> public key).
    /// </summary>
    internal byte[] PublicKeyBlob =>
        (Source.HostKeyAlgorithms.FirstOrDefault(a => a.Name == KeyType) ?? Source.HostKeyAlgorithms.First()).Data;

    public override string ToString() => $"{KeyType} key {Path}";
}
