using System.Buffers.Binary;

namespace Stagecraft.Ssh.Agent;

/// <summary>Reads SSH wire encoding (RFC 4251 §5: <c>byte</c>, <c>uint32</c>, <c>string</c>); throws <see cref="FormatException"/> when short.</summary>
internal sealed class SshWireReader
{
    private readonly byte[] buffer;
    private int position;

    public SshWireReader(byte[] buffer)
    {
        this.buffer = buffer;
    }

    public bool AtEnd => position == buffer.Length;

    public byte ReadByte()
    {
        Need(1);
        return buffer[position++];
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(position, 4));
        position += 4;
        return value;
    }

    public byte[] ReadString()
    {
        var length = ReadUInt32();
        if (length > (uint)(buffer.Length - position))
        {
            throw new FormatException("message ends early");
        }

        var value = buffer.AsSpan(position, (int)length).ToArray();
        position += (int)length;
        return value;
    }

    private void Need(int count)
    {
        if (count > buffer.Length - position)
        {
            throw new FormatException("message ends early");
        }
    }
}
