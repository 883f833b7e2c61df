using System.Security.Cryptography;
using System.Text;

namespace Stagecraft.Ssh.Agent;

/// <summary>
/// One key the ssh-agent holds: its public key blob (SSH wire format) and comment. Described by type and SHA256
/// fingerprint only (<c>agent key ed25519 SHA256:…</c>), never by its contents.
/// </summary>
public sealed class SshAgentIdentity
{
    internal SshAgentIdentity(byte[] publicKeyBlob, string comment)
    {
        PublicKeyBlob = publicKeyBlob;
        Comment = comment;
        KeyType = Encoding.ASCII.GetString(new SshWireReader(publicKeyBlob).ReadString());
        Fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(publicKeyBlob)).TrimEnd('=');
    }

    /// <summary>The SSH key type, e.g. <c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c> or <c>ssh-rsa</c>.</summary>
    public string KeyType { get; }

    /// <summary><c>SHA256:</c> and the unpadded base64 of the blob's SHA-256, as <c>ssh-add -l</c> shows it.</summary>
    public string Fingerprint { get; }

    public string Comment { get; }

    internal byte[] PublicKeyBlob { get; }

    /// <summary>ed25519, ecdsa or rsa (other types as the agent names them).</summary>
    public string ShortType => KeyType switch
    {
        "ssh-ed25519" => "ed25519",
        "ssh-rsa" => "rsa",
        _ when KeyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => "ecdsa",
        _ => KeyType,
    };

    public override string ToString() => $"agent key {ShortType} {Fingerprint}";
}
