using System.Collections.Concurrent;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Testing;

/// <summary>A network provider that records calls and fails the hosts it is told to.</summary>
public sealed class FakeNetwork : INetworkProvider
{
    public string Id => "fakenet";

    public string Domain { get; set; } = "example.ts.net";

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentDictionary<string, StepResult> InstallResults { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, StepResult> JoinResults { get; } = new(StringComparer.Ordinal);

    /// <summary>Points: <c>install HOST</c>, <c>join HOST</c>, <c>state HOST</c>, <c>preflight</c>, <c>fqdn HOST</c>, <c>leave RESOURCE</c>.</summary>
    public ThrowPoints Throws { get; } = new();

    public Task<StepResult> EnsureInstalledAsync(IRemoteSession session, Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Calls.Enqueue($"install {host.Name}");
        Throws.ThrowIfSet($"install {host.Name}");
        return Task.FromResult(InstallResults.TryGetValue(host.Name, out var r) ? r : StepResult.Ok());
    }

    public Task<StepResult> EnsureJoinedAsync(IRemoteSession session, Host host, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Calls.Enqueue($"join {host.Name} {string.Join(",", tags)}");
        Throws.ThrowIfSet($"join {host.Name}");
        return Task.FromResult(JoinResults.TryGetValue(host.Name, out var r) ? r : StepResult.Ok());
    }

    /// <summary>Resource name → the leave's outcome; the default is <see cref="NetworkLeave.Left"/>.</summary>
    public ConcurrentDictionary<string, NetworkLeave> LeaveResults { get; } = new(StringComparer.Ordinal);

    /// <summary>Records <c>leave RESOURCE</c>; throws at the point <c>leave RESOURCE</c> when set.</summary>
    public Task<NetworkLeave> LeaveAsync(IRemoteSession session, Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Calls.Enqueue($"leave {host.ResourceName}");
        Throws.ThrowIfSet($"leave {host.ResourceName}");
        return Task.FromResult(LeaveResults.TryGetValue(host.ResourceName, out var r) ? r : NetworkLeave.Left);
    }

    /// <summary>Host name → what <see cref="ReadStateAsync"/> reads; default: running in <see cref="Domain"/> with the tags of <see cref="MeshTags"/>.</summary>
    public ConcurrentDictionary<string, MeshState> MeshStates { get; } = new(StringComparer.Ordinal);

    /// <summary>Host name → the tags a default mesh state carries (default: none).</summary>
    public ConcurrentDictionary<string, IReadOnlyList<string>> MeshTags { get; } = new(StringComparer.Ordinal);

    /// <summary>Point <c>state HOST</c> also throws.</summary>
    public Task<MeshState> ReadStateAsync(IRemoteSession session, Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Calls.Enqueue($"state {host.Name}");
        Throws.ThrowIfSet($"state {host.Name}");
        return Task.FromResult(MeshStates.TryGetValue(host.Name, out var state)
            ? state
            : new MeshState("Running", Domain, host.ResourceName, $"{host.ResourceName}.{Domain}", MeshTags.GetValueOrDefault(host.Name, []), true));
    }

    public List<PreflightFinding> PreflightFindings { get; } = [];

    public Task<IReadOnlyList<PreflightFinding>> PreflightAsync(PreflightRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Calls.Enqueue($"preflight {string.Join(",", request.ToCreate.Select(h => h.Spec.Name))}");
        Throws.ThrowIfSet("preflight");
        return Task.FromResult<IReadOnlyList<PreflightFinding>>([.. PreflightFindings]);
    }

    public IReadOnlyList<NetworkPort> InboundPorts { get; set; } = [new("udp", "41641")];

    public string NodeFqdn(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Throws.ThrowIfSet($"fqdn {host.Name}");
        return $"{host.ResourceName}.{Domain}";
    }
}
