using Renci.SshNet;

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

    public override string ToString() => $"{KeyType} key {Path}";
}
