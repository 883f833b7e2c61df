using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Remote;

/// <summary>
/// The read-only remote port (<c>infra status</c>): connects once, with no waiting or retries, and opens a session
/// only to a host whose key is already pinned. Never pins a key and never writes the pin store: a host seen for the
/// first time is <see cref="ConnectionCheck.NotPinned"/>. Connection failures are results, not exceptions; only
/// cancellation throws.
/// </summary>
public interface IVerifiedSessionFactory
{
    Task<VerifiedConnection> ConnectVerifiedAsync(Host host, CancellationToken cancellationToken);
}
