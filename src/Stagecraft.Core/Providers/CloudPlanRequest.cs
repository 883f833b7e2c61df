using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>The environment and its declared hosts, sorted by name.</summary>
public sealed record CloudPlanRequest(string Environment, IReadOnlyList<HostSpec> Hosts)
{
    /// <summary><c>project.name</c>, for names of per-environment resources (e.g. <c>stagecraft-&lt;project&gt;-&lt;env&gt;</c>).</summary>
    public string Project { get; init; } = string.Empty;

    /// <summary>The port SSH connects to (<c>infra.bootstrap.ssh.port</c>), for a firewall's SSH rule.</summary>
    public int SshPort { get; init; } = 22;

    /// <summary>Ports the network provider needs open inbound (<see cref="INetworkProvider.InboundPorts"/>), for a firewall.</summary>
    public IReadOnlyList<NetworkPort> MeshPorts { get; init; } = [];
}
