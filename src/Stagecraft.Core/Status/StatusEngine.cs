using System.Collections.Concurrent;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Status;

/// <summary>
/// <c>infra status</c>: load → resolve providers → one read-only plan → per existing host (unless <c>--no-ssh</c>) one
/// verify-only connection, <c>docker version</c> and the network provider's status read → the report. Never creates,
/// tags, installs, joins or pins anything. Per-host findings are results; global failures become the report's error
/// and exit code (1 config, 2 cloud provider, 3 network provider, 130 interrupted, 70 a bug).
/// </summary>
public sealed class StatusEngine
{
    /// <summary>How many hosts are checked at once.</summary>
    public const int Parallelism = 8;

    private readonly ConfigLoader loader;
    private readonly IRemoteAccessFactory remoteAccess;
    private readonly ProviderContext context;

    public StatusEngine(ConfigLoader loader, IRemoteAccessFactory remoteAccess, ProviderContext context)
    {
        this.loader = loader;
        this.remoteAccess = remoteAccess;
        this.context = context;
    }

    public async Task<StatusReport> RunAsync(StatusRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = new Known(!request.NoSsh);
        try
        {
            await CheckAsync(request, known, cancellationToken).ConfigureAwait(false);
            return known.Finish(null);
        }
        catch (Exception ex)
        {
            return known.Finish(GlobalFailure.Of(ex, "interrupted: nothing was changed; hosts not checked yet are shown without their checks", context.Diagnostics, cancellationToken));
        }
    }

    private async Task CheckAsync(StatusRequest request, Known known, CancellationToken cancellationToken)
    {
        var config = loader.Load(request.ConfigPath);
        known.Config = config;
        known.Environment = EnvironmentSelector.Select(config, request.Environment);
        known.DockerChecked = known.RemoteChecked && config.Bootstrap.Docker.Enabled;
        var connector = known.RemoteChecked ? remoteAccess.CreateVerifyOnly(config.Bootstrap.Ssh) : null;

        var cloud = config.CloudProvider.Create(config.CloudSettings, context);
        var network = ProviderStart.Network(config, context);

        cancellationToken.ThrowIfCancellationRequested();
        var declared = config.CloudSettings.Environments[known.Environment];
        var plan = await cloud.PlanAsync(ProviderStart.PlanRequest(config, known.Environment, declared, network), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        known.Unmanaged = [.. plan.Unmanaged.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)];
        foreach (var planned in plan.Hosts.OrderBy(h => h.Spec.Name, StringComparer.Ordinal))
        {
            var status = new HostStatus(planned.Spec.Name, planned.ResourceName, planned.Spec.Role, planned.Existing, planned.Action, planned.Changes, MeshFqdn(network, planned));
            known.Hosts[status.Name] = status;
            known.Order.Add(status.Name);
        }

        if (connector is null)
        {
            return;
        }

        using var gate = new SemaphoreSlim(Parallelism, Parallelism);
        var checks = known.Order
            .Select(name => known.Hosts[name])
            .Where(h => h.Reachable)
            .Select(async host =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    known.Hosts[host.Name] = await CheckHostAsync(host, connector, network, config, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })
            .ToList();
        await Task.WhenAll(checks).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<HostStatus> CheckHostAsync(HostStatus host, IVerifiedSessionFactory connector, INetworkProvider network, StagecraftConfig config, CancellationToken cancellationToken)
    {
        var existing = host.Existing!;
        try
        {
            var connection = await connector.ConnectVerifiedAsync(existing, cancellationToken).ConfigureAwait(false);
            var checkedHost = host with { Ssh = new SshStatus(connection.Check, connection.Message) };
            if (connection.Session is not { } session)
            {
                return checkedHost;
            }

            await using (session.ConfigureAwait(false))
            {
                if (config.Bootstrap.Docker.Enabled)
                {
                    checkedHost = checkedHost with { Docker = await ReadDockerAsync(session, cancellationToken).ConfigureAwait(false) };
                }

                MeshState mesh;
                try
                {
                    mesh = await network.ReadStateAsync(session, existing, cancellationToken).ConfigureAwait(false);
                }
                catch (RemoteConnectionException ex)
                {
                    mesh = MeshState.Unreadable(ex.Message);
                }

                return checkedHost with { Mesh = new MeshStatus(mesh, HostTags.For(host.Role, config.NetworkSettings)) };
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A bug while checking this host: that host's finding; the others are still checked.
            context.Diagnostics.Verbose($"{host.Name}: internal error: {ex}");
            return host with { InternalError = UnexpectedError.Describe(ex) };
        }
    }

    /// <summary><c>docker version</c> (the bootstrap's own detect command, read-only): the server version, or why there is none.</summary>
    private static async Task<DockerStatus> ReadDockerAsync(IRemoteSession session, CancellationToken cancellationToken)
    {
        RemoteResult result;
        try
        {
            result = await session.RunAsync(DockerCommands.Detect(), cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteConnectionException ex)
        {
            return new DockerStatus(null, ex.Message);
        }

        if (result.ExitCode == DockerCommands.NotInstalledExitCode && !result.TimedOut)
        {
            return new DockerStatus(null, "docker is not installed");
        }

        // Without a daemon, docker version prints the client half with "Server": null and exits 1: still readable.
        var version = result.TimedOut ? null : DockerVersion.TryParse(result.StandardOutput);
        return version switch
        {
            { DaemonUsable: true } => new DockerStatus(version.ServerVersion, null),
            { } => new DockerStatus(null, "the docker daemon is not running"),
            null when result.Succeeded => new DockerStatus(null, "docker version printed no version"),
            _ => new DockerStatus(null, $"docker version failed: {result.Describe()}"),
        };
    }

    /// <summary>The mesh name the host has (or will have once it joins): the network provider's naming, from the resource name.</summary>
    private static string MeshFqdn(INetworkProvider network, PlannedHost planned) =>
        network.NodeFqdn(planned.Existing ?? new Host(planned.Spec.Name, planned.ResourceName, string.Empty, planned.Spec.Role, null, []));

    /// <summary>What is known so far, turned into the report at the end (also after a failure or an interrupt).</summary>
    private sealed class Known(bool remoteChecked)
    {
        public bool RemoteChecked { get; } = remoteChecked;

        public bool DockerChecked { get; set; }

        public StagecraftConfig? Config { get; set; }

        public string Environment { get; set; } = string.Empty;

        public List<string> Order { get; } = [];

        public ConcurrentDictionary<string, HostStatus> Hosts { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<UnmanagedResource> Unmanaged { get; set; } = [];

        public StatusReport Finish(ReportError? error) => new(
            Config?.ProjectName ?? string.Empty,
            Environment,
            Config?.CloudProvider.Id ?? string.Empty,
            Config?.NetworkProvider.Id ?? string.Empty,
            RemoteChecked,
            DockerChecked,
            [.. Order.Select(name => Hosts[name])],
            Unmanaged,
            error);
    }
}
