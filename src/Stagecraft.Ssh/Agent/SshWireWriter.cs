using System.Buffers;
using System.Buffers.Binary;

namespace Stagecraft.Ssh.Agent;

/// <summary>Writes SSH wire encoding (RFC 4251 §5: <c>byte</c>, <c>uint32</c>, <c>string</c>).</summary>
internal sealed class SshWireWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new();

    public SshWireWriter WriteByte(byte value)
    {
        buffer.Write([value]);
        return this;
    }

    public SshWireWriter WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    public SshWireWriter WriteString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        buffer.Write(value);
        return this;
    }

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();
}
