using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Remote;

/// <summary>
/// The readiness port: waits until a host accepts connections and runs <c>true</c> (and has finished first boot), up
/// to the configured timeout. A ready result may hand over the connection that proved it
/// (<see cref="ReadinessResult.Session"/>, then owned by the caller); otherwise the caller connects through
/// <see cref="IRemoteSessionFactory"/>. On cancellation the probe throws and keeps no connection open.
/// </summary>
public interface IReadinessProbe
{
    Task<ReadinessResult> WaitUntilReadyAsync(Host host, CancellationToken cancellationToken);
}
