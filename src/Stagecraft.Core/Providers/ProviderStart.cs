using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>What every command does the same way with the configured providers: start the network provider, and ask the cloud provider for a plan.</summary>
public static class ProviderStart
{
    /// <summary>The network provider; a failure to start is <see cref="NetworkProviderException"/> (exit 3).</summary>
    public static INetworkProvider Network(StagecraftConfig config, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return config.NetworkProvider.Create(config.NetworkSettings, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new NetworkProviderException($"{config.NetworkProvider.Id} provider: cannot start: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The plan request for <paramref name="hosts"/> of <paramref name="environment"/>, with what per-environment resources
    /// need (project name, SSH port, the mesh's inbound ports), so every command plans the same firewall the same way.
    /// </summary>
    public static CloudPlanRequest PlanRequest(StagecraftConfig config, string environment, IReadOnlyList<HostSpec> hosts, INetworkProvider? network) =>
        new(environment, hosts)
        {
            Project = config.ProjectName,
            SshPort = config.Bootstrap.Ssh.Port,
            MeshPorts = network?.InboundPorts ?? [],
        };
}
