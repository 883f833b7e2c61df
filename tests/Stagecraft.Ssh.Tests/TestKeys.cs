using System.Buffers.Binary;
using System.Text;

namespace Stagecraft.Ssh.Tests;

/// <summary>Host key blobs in SSH wire format (type string + key bytes), deterministic per seed.</summary>
internal static class TestKeys
{
    public static HostKey Make(string type, int seed)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + typeBytes.Length + 4 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)typeBytes.Length);
        typeBytes.CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + typeBytes.Length), 32);
        new Random(seed).NextBytes(blob.AsSpan(8 + typeBytes.Length));
        return HostKey.FromBlob(blob);
    }
}
