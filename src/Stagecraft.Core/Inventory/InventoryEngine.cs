using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Inventory;

/// <summary>
/// <c>infra hosts</c>: load → resolve providers → one read-only plan → the inventory. Never creates, changes or
/// connects to anything: what exists is what the cloud provider's plan found. Global failures become the report's
/// error and exit code (1 config, 2 cloud provider, 3 network provider, 130 interrupted, 70 a bug).
/// </summary>
public sealed class InventoryEngine
{
    private readonly ConfigLoader loader;
    private readonly ProviderContext context;

    public InventoryEngine(ConfigLoader loader, ProviderContext context)
    {
        this.loader = loader;
        this.context = context;
    }

    public async Task<InventoryReport> RunAsync(InventoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = new Known();
        try
        {
            await ListAsync(request, known, cancellationToken).ConfigureAwait(false);
            return known.Finish(null);
        }
        catch (Exception ex)
        {
            return known.Finish(GlobalFailure.Of(ex, "interrupted: nothing was changed; run the same command again", context.Diagnostics, cancellationToken));
        }
    }

    private async Task ListAsync(InventoryRequest request, Known known, CancellationToken cancellationToken)
    {
        var config = loader.Load(request.ConfigPath);
        known.Config = config;
        known.Environment = EnvironmentSelector.Select(config, request.Environment);
        var ssh = config.Bootstrap.Ssh;
        known.Access = new InventoryAccess(
            ssh.User,
            ssh.Port,
            ssh.PrivateKeyPath is { } key ? Path.GetFullPath(key) : null,
            Path.GetFullPath(ssh.KnownHostsFile),
            ssh.Agent);

        var cloud = config.CloudProvider.Create(config.CloudSettings, context);
        var network = ProviderStart.Network(config, context);

        cancellationToken.ThrowIfCancellationRequested();
        var declared = config.CloudSettings.Environments[known.Environment];
        var plan = await cloud.PlanAsync(ProviderStart.PlanRequest(config, known.Environment, declared, network), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        known.Unmanaged = [.. plan.Unmanaged.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)];
        known.Hosts = [.. plan.Hosts
            .OrderBy(h => h.Spec.Name, StringComparer.Ordinal)
            .Select(h => new InventoryHost(h.Spec.Name, h.ResourceName, h.Spec.Role, h.Existing, MeshFqdn(network, h)))];
    }

    /// <summary>The mesh name the host has (or will have once it joins): the network provider's naming, from the resource name.</summary>
    private static string MeshFqdn(INetworkProvider network, PlannedHost planned) =>
        network.NodeFqdn(planned.Existing ?? new Host(planned.Spec.Name, planned.ResourceName, string.Empty, planned.Spec.Role, null, []));

    /// <summary>What is known so far, turned into the report at the end (also after a failure).</summary>
    private sealed class Known
    {
        public StagecraftConfig? Config { get; set; }

        public string Environment { get; set; } = string.Empty;

        public InventoryAccess? Access { get; set; }

        public IReadOnlyList<InventoryHost> Hosts { get; set; } = [];

        public IReadOnlyList<Providers.UnmanagedResource> Unmanaged { get; set; } = [];

        public InventoryReport Finish(ReportError? error) => new(
            Config?.ProjectName ?? string.Empty,
            Environment,
            Config?.CloudProvider.Id ?? string.Empty,
            Config?.NetworkProvider.Id ?? string.Empty,
            Hosts,
            Unmanaged,
            Access,
            error);
    }
}
