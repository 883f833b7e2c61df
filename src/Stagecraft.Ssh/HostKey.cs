using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Stagecraft.Ssh;

/// <summary>An SSH public host key: its type (<c>ssh-ed25519</c>) and wire blob, as stored in known_hosts.</summary>
internal sealed class HostKey : IEquatable<HostKey>
{
    public HostKey(string keyType, byte[] blob)
    {
        KeyType = keyType;
        Blob = blob;
    }

    public string KeyType { get; }

    public byte[] Blob { get; }

    /// <summary>OpenSSH style: <c>SHA256:</c> and unpadded base64.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(Blob)).TrimEnd('=');

    public string Base64 => Convert.ToBase64String(Blob);

    /// <summary>Builds a key from its wire blob; the type is the blob's first string (so RSA keys are <c>ssh-rsa</c>, never <c>rsa-sha2-512</c>).</summary>
    public static HostKey FromBlob(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length < 4)
        {
            throw new FormatException("host key blob is too short");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length == 0 || length > blob.Length - 4)
        {
            throw new FormatException("host key blob has no key type");
        }

        return new HostKey(Encoding.ASCII.GetString(blob, 4, (int)length), blob);
    }

    public bool Equals(HostKey? other) =>
        other is not null && string.Equals(KeyType, other.KeyType, StringComparison.Ordinal) && Blob.AsSpan().SequenceEqual(other.Blob);

    public override bool Equals(object? obj) => Equals(obj as HostKey);

    public override int GetHashCode() => HashCode.Combine(KeyType, Blob.Length);

    public override string ToString() => $"{KeyType} {Fingerprint}";
}
