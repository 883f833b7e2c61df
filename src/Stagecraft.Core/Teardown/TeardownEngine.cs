using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Teardown;

/// <summary>
/// <c>infra down</c>: load → select the environment (and <c>--host</c> names) → one read-only plan → choose the targets
/// (<see cref="TeardownSelection"/>) → dry run, or confirm → leave the mesh (best effort, <see cref="MeshLeaver"/>) →
/// delete by id and wait until gone (the cloud provider) → forget each deleted host's pinned key. Global failures become
/// the report's error (1 config or not confirmed, 2 cloud provider, 130 interrupted, 70 a bug); a droplet still there
/// after the delete is that host's failure (exit 10).
/// </summary>
public sealed class TeardownEngine
{
    private readonly ConfigLoader loader;
    private readonly IRemoteAccessFactory remoteAccess;
    private readonly ProviderContext context;
    private readonly ITeardownConfirmation confirmation;

    public TeardownEngine(ConfigLoader loader, IRemoteAccessFactory remoteAccess, ProviderContext context, ITeardownConfirmation confirmation)
    {
        this.loader = loader;
        this.remoteAccess = remoteAccess;
        this.context = context;
        this.confirmation = confirmation;
    }

    public async Task<TeardownReport> RunAsync(TeardownRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(request.DryRun);
        try
        {
            await TearDownAsync(request, run, cancellationToken).ConfigureAwait(false);
            return run.Finish(null);
        }
        catch (Exception ex)
        {
            return run.Finish(GlobalFailure.Of(ex, run.InterruptedMessage(), context.Diagnostics, cancellationToken));
        }
    }

    private async Task TearDownAsync(TeardownRequest request, Run run, CancellationToken cancellationToken)
    {
        var config = loader.Load(request.ConfigPath);
        run.Config = config;
        run.Environment = EnvironmentSelector.Select(config, request.Environment);
        var declared = Limit(config.CloudSettings.Environments[run.Environment], request.Hosts, run.Environment);
        var cloud = config.CloudProvider.Create(config.CloudSettings, context);

        cancellationToken.ThrowIfCancellationRequested();
        var planRequest = ProviderStart.PlanRequest(config, run.Environment, declared, network: null);
        var plan = await cloud.PlanAsync(planRequest, cancellationToken).ConfigureAwait(false);
        var selection = TeardownSelection.From(plan, request.IncludeUnmanaged, request.Hosts.Count > 0);
        run.Selection = selection;
        var firewall = await FirewallDueAsync(cloud, planRequest, request, cancellationToken).ConfigureAwait(false);
        run.Firewall = firewall;
        var firewallDue = firewall?.Outcome == FirewallTeardownOutcome.WouldDelete && !request.DryRun;
        if (request.DryRun || (selection.Targets.Count == 0 && !firewallDue))
        {
            return;
        }

        if (!request.Confirmed && !await confirmation.ConfirmAsync(run.Finish(null) with { DryRun = true }, cancellationToken).ConfigureAwait(false))
        {
            throw new ConfigException($"infra down: not confirmed; nothing was deleted (type the environment name {run.Environment}, or pass --yes)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        run.Started = true;
        var (leaver, pins, why) = Remote(config);
        run.Leaves = leaver is null
            ? selection.Targets.ToDictionary(t => t.Id, _ => new NetworkLeave(NetworkLeaveStatus.NotAttempted, why), StringComparer.Ordinal)
            : await leaver.LeaveAllAsync(selection.Targets, cancellationToken).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        var deleted = await cloud.DeleteAsync(new CloudDeleteRequest(run.Environment, selection.Targets), cancellationToken).ConfigureAwait(false);
        run.Deleted = deleted.ToDictionary(d => d.Id, StringComparer.Ordinal);

        foreach (var target in selection.Targets.Where(t => run.Deleted.TryGetValue(t.Id, out var d) && d.Deleted && !string.IsNullOrEmpty(t.PublicIp)))
        {
            // Once the droplet is gone its address may go to another host: the old key must not be trusted for it. An
            // interrupt here leaves a pin behind, which fails safe: a new host on that address is refused, never trusted.
            if (pins is not null && await pins.ForgetAsync(target, cancellationToken).ConfigureAwait(false))
            {
                run.PinsRemoved.Add(target.Id);
            }
        }

        if (firewallDue)
        {
            var left = selection.Targets.Count(t => !(run.Deleted.TryGetValue(t.Id, out var d) && d.Deleted));
            run.Firewall = left > 0
                ? firewall! with { Outcome = FirewallTeardownOutcome.Kept, Message = $"kept: {left} droplet(s) chosen for deletion are still there and would lose its rules" }
                : await cloud.DeleteFirewallAsync(planRequest, dryRun: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>With <c>--include-firewall</c>: the firewall as found (would delete), kept when <c>--host</c> limits the teardown; null otherwise.</summary>
    private static async Task<FirewallTeardown?> FirewallDueAsync(ICloudProvider cloud, CloudPlanRequest planRequest, TeardownRequest request, CancellationToken cancellationToken)
    {
        if (!request.IncludeFirewall)
        {
            return null;
        }

        var found = await cloud.DeleteFirewallAsync(planRequest, dryRun: true, cancellationToken).ConfigureAwait(false);
        return found is { Outcome: FirewallTeardownOutcome.WouldDelete } && request.Hosts.Count > 0
            ? found with { Outcome = FirewallTeardownOutcome.Kept, Message = "kept: --host limits the teardown, and the other hosts still use it" }
            : found;
    }

    /// <summary>The declared hosts, limited to <paramref name="names"/> when any are given; an undeclared name is a config error.</summary>
    private static IReadOnlyList<HostSpec> Limit(IReadOnlyList<HostSpec> declared, IReadOnlyList<string> names, string environment)
    {
        if (names.Count == 0)
        {
            return declared;
        }

        var unknown = names.Where(n => !declared.Any(h => string.Equals(h.Name, n, StringComparison.Ordinal))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var known = string.Join(", ", declared.Select(h => h.Name).Order(StringComparer.Ordinal));
            throw new ConfigException($"--host {string.Join(", ", unknown)}: not declared for environment {environment} (declared: {known})");
        }

        return [.. declared.Where(h => names.Contains(h.Name, StringComparer.Ordinal))];
    }

    /// <summary>The leaver and the pins, or why there are none (the network provider or the SSH key cannot be used): the teardown goes on without them.</summary>
    private (MeshLeaver? Leaver, IHostKeyPins? Pins, string Why) Remote(StagecraftConfig config)
    {
        RemoteAccess access;
        try
        {
            access = remoteAccess.Create(config.Bootstrap.Ssh);
        }
        catch (Exception ex) when (ex is ConfigException or RemoteConnectionException)
        {
            return (null, null, $"not tried: ssh cannot be used: {OneLineText.Of(ex.Message)}");
        }

        try
        {
            var network = config.NetworkProvider.Create(config.NetworkSettings, context);
            return (new MeshLeaver(network, access.Sessions, context.Time, config.Bootstrap.Ssh.ReadyTimeout), access.Pins, string.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, access.Pins, $"not tried: the {config.NetworkProvider.Id} provider cannot start: {OneLineText.Of(ex.Message)}");
        }
    }

    /// <summary>What is known so far, turned into the report at the end (also after a failure).</summary>
    private sealed class Run
    {
        private readonly bool dryRun;

        public Run(bool dryRun) => this.dryRun = dryRun;

        public StagecraftConfig? Config { get; set; }

        public string Environment { get; set; } = string.Empty;

        public TeardownSelection? Selection { get; set; }

        public bool Started { get; set; }

        public IReadOnlyDictionary<string, NetworkLeave> Leaves { get; set; } = new Dictionary<string, NetworkLeave>();

        public Dictionary<string, CloudDeleteResult> Deleted { get; set; } = new(StringComparer.Ordinal);

        public HashSet<string> PinsRemoved { get; } = new(StringComparer.Ordinal);

        public FirewallTeardown? Firewall { get; set; }

        public string InterruptedMessage() => Started
            ? "interrupted: no new deletion was started; droplets whose deletion was sent may still go; run the same command again"
            : "interrupted: nothing was deleted; run the same command again";

        public TeardownReport Finish(ReportError? error) => new(
            Config?.ProjectName ?? string.Empty,
            Environment,
            Config?.CloudProvider.Id ?? string.Empty,
            Config?.NetworkProvider.Id ?? string.Empty,
            dryRun,
            [.. (Selection?.Hosts ?? []).Select(h => Outcome(h, error))],
            [.. (Selection?.Unmanaged ?? []).Select(h => Outcome(h, error))],
            error)
        {
            Firewall = !dryRun && Firewall is { Outcome: FirewallTeardownOutcome.WouldDelete } due
                ? due with { Outcome = FirewallTeardownOutcome.Kept, Message = "kept: the run stopped before it was deleted" }
                : Firewall,
        };

        private TeardownHost Outcome(TeardownHost host, ReportError? error)
        {
            if (host.Outcome != TeardownOutcome.WouldDelete || !Started)
            {
                return host;
            }

            var leave = Leaves.TryGetValue(host.Id, out var l) ? l : new NetworkLeave(NetworkLeaveStatus.NotAttempted, "not tried: the run stopped first");
            if (Deleted.TryGetValue(host.Id, out var deleted))
            {
                return host with
                {
                    Outcome = deleted.Deleted ? TeardownOutcome.Deleted : TeardownOutcome.Failed,
                    Message = deleted.Deleted ? string.Empty : OneLineText.Of(deleted.Message),
                    Leave = leave,
                    PinRemoved = PinsRemoved.Contains(host.Id),
                };
            }

            var why = error?.Kind == ReportErrorKind.Interrupted ? "interrupted before it was seen gone" : "not deleted: the run stopped first";
            return host with { Outcome = TeardownOutcome.Failed, Message = why, Leave = leave };
        }
    }
}
