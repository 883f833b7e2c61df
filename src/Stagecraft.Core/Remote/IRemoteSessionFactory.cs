using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Remote;

/// <summary>The remote-execution port: opens a session to a host (SSH in production).</summary>
public interface IRemoteSessionFactory
{
    /// <summary>Connects and authenticates. Throws <see cref="RemoteConnectionException"/> on failure (host key mismatch included).</summary>
    Task<IRemoteSession> ConnectAsync(Host host, CancellationToken cancellationToken);
}
