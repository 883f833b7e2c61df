using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Remote;

/// <summary>The readiness port: waits until a host accepts connections and runs <c>true</c>, up to the configured timeout.</summary>
public interface IReadinessProbe
{
    Task<ReadinessResult> WaitUntilReadyAsync(Host host, CancellationToken cancellationToken);
}
