using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Providers;

/// <summary>
/// The network-provider contract (mesh VPN). Runs its remote commands through Core's remote port.
/// Failures are results (<c>network_install_failed</c>, <c>network_join_failed</c>), not exceptions.
/// </summary>
public interface INetworkProvider
{
    string Id { get; }

    Task<StepResult> EnsureInstalledAsync(IRemoteSession session, Host host, CancellationToken cancellationToken);

    /// <param name="tags">The host's final tags, computed by Core as default_tags ∪ role_tags[role], sorted.</param>
    Task<StepResult> EnsureJoinedAsync(IRemoteSession session, Host host, IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>
    /// Local, read-only: what would make a join fail (e.g. the auth key variable unset or empty while hosts are to be
    /// created). Findings have <see cref="PreflightScope.Network"/>; empty when nothing is wrong.
    /// </summary>
    Task<IReadOnlyList<PreflightFinding>> PreflightAsync(PreflightRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Best effort before the host is deleted: the node leaves the mesh (Tailscale: <c>tailscale logout</c>), so it
    /// does not linger as an offline node. Never throws for the host's own failures: they are the result.
    /// </summary>
    Task<NetworkLeave> LeaveAsync(IRemoteSession session, Host host, CancellationToken cancellationToken);

    /// <summary>Ports the mesh needs open inbound from anywhere, for a cloud firewall the cloud provider manages.</summary>
    IReadOnlyList<NetworkPort> InboundPorts { get; }

    /// <summary>
    /// Read-only: the host's mesh state (network, hostname, tags, online) from one status read on the host. Never
    /// installs, starts, joins or changes anything; what cannot be read is a <see cref="MeshState.Problems"/> entry.
    /// </summary>
    Task<MeshState> ReadStateAsync(IRemoteSession session, Host host, CancellationToken cancellationToken);

    /// <summary>The host's name on the mesh, e.g. <c>staging-app-1.example.ts.net</c>.</summary>
    string NodeFqdn(Host host);
}
