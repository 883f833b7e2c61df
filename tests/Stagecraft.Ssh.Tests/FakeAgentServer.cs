using System.Buffers.Binary;
using System.Net.Sockets;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// A Unix socket that answers each connection's first request with fixed bytes (a frame or garbage), for the agent
/// client's error paths that a real ssh-agent never takes.
/// </summary>
internal sealed class FakeAgentServer : IDisposable
{
    private readonly Socket listener;
    private readonly Task serving;

    public FakeAgentServer(string socketPath, byte[] reply)
    {
        SocketPath = socketPath;
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        serving = Task.Run(async () =>
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                using (client)
                {
                    var header = new byte[4];
                    await client.ReceiveAsync(header);
                    var request = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
                    var received = 0;
                    while (received < request.Length)
                    {
                        received += await client.ReceiveAsync(request.AsMemory(received));
                    }

                    await client.SendAsync(reply);
                    client.Shutdown(SocketShutdown.Both);
                }
            }
        });
    }

    public string SocketPath { get; }

    /// <summary>A reply frame: uint32 length, then <paramref name="message"/>.</summary>
    public static byte[] Frame(params byte[] message)
    {
        var frame = new byte[4 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)message.Length);
        message.CopyTo(frame, 4);
        return frame;
    }

    public void Dispose()
    {
        listener.Dispose();
        serving.Wait();
    }
}
