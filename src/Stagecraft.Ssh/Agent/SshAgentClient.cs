using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Stagecraft.Ssh.Agent;

/// <summary>
/// A client of the ssh-agent protocol (draft-miller-ssh-agent) over the agent's Unix domain socket: list the keys it
/// holds, and have it sign. Each request opens its own connection, so parallel logins never share one. Private keys
/// never leave the agent.
/// </summary>
public sealed class SshAgentClient
{
    internal const byte Failure = 5;
    internal const byte RequestIdentities = 11;
    internal const byte IdentitiesAnswer = 12;
    internal const byte SignRequest = 13;
    internal const byte SignResponse = 14;

    /// <summary>Sign flag: an RSA signature with SHA-256 (<c>rsa-sha2-256</c>).</summary>
    internal const uint RsaSha2256 = 2;

    /// <summary>Sign flag: an RSA signature with SHA-512 (<c>rsa-sha2-512</c>).</summary>
    internal const uint RsaSha2512 = 4;

    private const int MaxMessageLength = 256 * 1024;

    public SshAgentClient(string socketPath, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        SocketPath = socketPath;
        Timeout = timeout;
    }

    /// <summary>The agent's socket (the value of <c>SSH_AUTH_SOCK</c>).</summary>
    public string SocketPath { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The keys the agent holds, in its order.</summary>
    /// <exception cref="SshAgentException">Unreachable, refused or unreadable.</exception>
    public IReadOnlyList<SshAgentIdentity> ListIdentities()
    {
        var reply = Request([RequestIdentities], "list keys");
        try
        {
            var reader = new SshWireReader(reply);
            ExpectType(reader.ReadByte(), IdentitiesAnswer, "list keys");
            var count = reader.ReadUInt32();
            var identities = new List<SshAgentIdentity>();
            for (var i = 0u; i < count; i++)
            {
                var blob = reader.ReadString();
                var comment = Encoding.UTF8.GetString(reader.ReadString());
                identities.Add(new SshAgentIdentity(blob, comment));
            }

            return identities;
        }
        catch (FormatException e)
        {
            throw new SshAgentException($"the ssh-agent at {SocketPath} sent an unreadable key list", e);
        }
    }

    /// <summary>Has the agent sign <paramref name="data"/> with the key <paramref name="publicKeyBlob"/>; returns the SSH signature blob.</summary>
    /// <exception cref="SshAgentException">Unreachable, refused (e.g. the key was removed) or unreadable.</exception>
    public byte[] Sign(byte[] publicKeyBlob, byte[] data, uint flags)
    {
        var request = new SshWireWriter().WriteByte(SignRequest).WriteString(publicKeyBlob).WriteString(data).WriteUInt32(flags).ToArray();
        var reply = Request(request, "sign");
        try
        {
            var reader = new SshWireReader(reply);
            ExpectType(reader.ReadByte(), SignResponse, "sign");
            return reader.ReadString();
        }
        catch (FormatException e)
        {
            throw new SshAgentException($"the ssh-agent at {SocketPath} sent an unreadable signature", e);
        }
    }

    private void ExpectType(byte type, byte expected, string what)
    {
        if (type == Failure)
        {
            throw new SshAgentException($"the ssh-agent at {SocketPath} refused to {what}");
        }

        if (type != expected)
        {
            throw new SshAgentException($"the ssh-agent at {SocketPath} answered {what} with message type {type}, expected {expected}");
        }
    }

    private byte[] Request(byte[] message, string what)
    {
        var milliseconds = (int)Math.Clamp(Timeout.TotalMilliseconds, 1, int.MaxValue);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            {
                SendTimeout = milliseconds,
                ReceiveTimeout = milliseconds,
            };
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            var frame = new byte[4 + message.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)message.Length);
            message.CopyTo(frame, 4);
            socket.Send(frame);

            var header = new byte[4];
            ReceiveExactly(socket, header, what);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is 0 or > MaxMessageLength)
            {
                throw new SshAgentException($"the ssh-agent at {SocketPath} answered {what} with a message of {length} bytes");
            }

            var reply = new byte[length];
            ReceiveExactly(socket, reply, what);
            return reply;
        }
        catch (SocketException e)
        {
            throw new SshAgentException($"cannot reach the ssh-agent at {SocketPath}: {Describe(e)}", e);
        }
        catch (ArgumentException e)
        {
            // UnixDomainSocketEndPoint refuses a path longer than sun_path.
            throw new SshAgentException($"cannot reach the ssh-agent at {SocketPath}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private void ReceiveExactly(Socket socket, byte[] buffer, string what)
    {
        var received = 0;
        while (received < buffer.Length)
        {
            var n = socket.Receive(buffer, received, buffer.Length - received, SocketFlags.None);
            if (n == 0)
            {
                throw new SshAgentException($"the ssh-agent at {SocketPath} closed the connection during {what}");
            }

            received += n;
        }
    }

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => "no such socket",
        SocketError.ConnectionRefused => "connection refused (no agent listens there)",
        SocketError.TimedOut => "timed out",
        SocketError.AccessDenied => "permission denied",
        _ => e.Message.ReplaceLineEndings(" ").Trim(),
    };
}
