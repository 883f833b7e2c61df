using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Engine;

/// <summary>
/// <c>infra up</c>: load → resolve providers → plan → apply (unless dry run) → wait for SSH and bootstrap (unless
/// dry run or --no-bootstrap) → report. Global failures become the report's error and exit code; per-host
/// failures are host results. Hosts are sorted by name before processing and in the report.
/// </summary>
public sealed class InfraUpEngine
{
    private readonly ConfigLoader loader;
    private readonly IRemoteAccessFactory remoteAccess;
    private readonly ProviderContext context;
    private readonly IProgressReporter progress;

    private static readonly TimeSpan InterruptLookupTimeout = TimeSpan.FromSeconds(15);

    public InfraUpEngine(ConfigLoader loader, IRemoteAccessFactory remoteAccess, ProviderContext context, IProgressReporter progress)
    {
        this.loader = loader;
        this.remoteAccess = remoteAccess;
        this.context = context;
        this.progress = progress;
    }

    public async Task<InfraUpReport> RunAsync(InfraUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(request);
        try
        {
            await RunStagesAsync(run, cancellationToken).ConfigureAwait(false);
            return run.Finish(null);
        }
        catch (ConfigException ex)
        {
            return run.Finish(new ReportError(ReportErrorKind.Config, ex.Message));
        }
        catch (PreflightFailedException ex)
        {
            run.FailPreflight(ex.Findings);
            var kind = ex.Findings.Min(f => f.Scope) switch
            {
                PreflightScope.Local => ReportErrorKind.Config,
                PreflightScope.Cloud => ReportErrorKind.CloudProvider,
                _ => ReportErrorKind.Bootstrap,
            };
            return run.Finish(new ReportError(kind, ex.Message) { Findings = ex.Findings });
        }
        catch (CloudProviderException ex)
        {
            run.AddKnown(ex.KnownHosts);
            run.AddFailures(ex.HostFailures);
            return run.Finish(new ReportError(ReportErrorKind.CloudProvider, ex.Message));
        }
        catch (NetworkProviderException ex)
        {
            return run.Finish(new ReportError(ReportErrorKind.Bootstrap, ex.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await LookAfterInterruptAsync(run).ConfigureAwait(false);
            return run.Finish(new ReportError(ReportErrorKind.Interrupted, "interrupted: nothing new was started; run the same command again to converge"));
        }
        catch (Exception ex)
        {
            // A bug (in the engine, a provider, the config loader …): still the report of what is known, exit 70.
            context.Diagnostics.Verbose($"internal error: {ex}");
            return run.Finish(UnexpectedError.Report(ex));
        }
    }

    /// <summary>
    /// After an interrupt during provisioning, one bounded read-only plan shows what exists now (hosts created
    /// before the interrupt), so the partial report is true. A failure here leaves the report as it was.
    /// </summary>
    private async Task LookAfterInterruptAsync(Run run)
    {
        if (run.Cloud is null || run.PlanRequest is null || run.Request.DryRun || run.Outcomes is not null || run.HasApplied)
        {
            return;
        }

        using var bound = new CancellationTokenSource(InterruptLookupTimeout, context.Time);
        try
        {
            var now = await run.Cloud.PlanAsync(run.PlanRequest, bound.Token).ConfigureAwait(false);
            if (run.Plan is null)
            {
                run.Plan = now;
                return;
            }

            // Hosts the plan had to create and that exist now were created by this run before the interrupt.
            var wasMissing = run.Plan.Hosts.Where(h => h.Action == PlanAction.Create).Select(h => h.Spec.Name).ToHashSet(StringComparer.Ordinal);
            run.AddKnown(now.Hosts
                .Where(h => h.Existing is not null && wasMissing.Contains(h.Spec.Name))
                .Select(h => new ProvisionedHost(h.Existing!, ProvisioningState.Created, [])));
        }
        catch (Exception ex)
        {
            // Best effort, whatever failed: the interrupt is what the report says.
            context.Diagnostics.Verbose($"after the interrupt, listing what exists failed: {ex.Message}");
        }
    }

    private async Task RunStagesAsync(Run run, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var config = loader.Load(request.ConfigPath);
        var environment = EnvironmentSelector.Select(config, request.Environment);
        run.Start(config, environment);

        var bootstrapping = !request.DryRun && !request.NoBootstrap;
        var remote = bootstrapping ? remoteAccess.Create(config.Bootstrap.Ssh) : null;

        var cloud = config.CloudProvider.Create(config.CloudSettings, context);
        var network = ProviderStart.Network(config, context);

        run.Network = network;
        run.Cloud = cloud;
        var hosts = config.CloudSettings.Environments[environment];
        foreach (var host in hosts)
        {
            progress.Report(host.Name, HostStage.Planning);
        }

        run.PlanRequest = ProviderStart.PlanRequest(config, environment, hosts, network);
        var plan = await cloud.PlanAsync(run.PlanRequest, cancellationToken).ConfigureAwait(false);
        run.Plan = plan;
        run.Firewall = plan.Firewall;
        await PreflightAsync(config, plan, cloud, network, request, cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
        {
            return;
        }

        foreach (var planned in plan.Hosts.Where(h => h.Action == PlanAction.Create))
        {
            progress.Report(planned.Spec.Name, HostStage.Creating);
        }

        var applied = await cloud.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
        run.AddKnown(applied.Hosts);
        run.Firewall = applied.Firewall ?? run.Firewall;
        if (remote is null)
        {
            return;
        }

        var engine = new BootstrapEngine(remote, network, config.NetworkSettings, config.Bootstrap.Docker, progress)
        {
            ReadinessHint = run.Firewall is { } firewall
                ? $"the cloud firewall {firewall.Name} allows SSH on port {config.Bootstrap.Ssh.Port} only from {firewall.SshSources}: check that your address is among them"
                : string.Empty,
        };
        var outcomes = await engine.RunAsync([.. applied.Hosts.Select(h => h.Host)], request.Parallelism, cancellationToken).ConfigureAwait(false);
        run.Outcomes = outcomes;
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// One preflight before the first mutating request (and for a dry run): the cloud account, the network provider
    /// and the local SSH set-up, every finding at once. Read-only; throws <see cref="PreflightFailedException"/>.
    /// </summary>
    private async Task PreflightAsync(
        StagecraftConfig config, CloudPlan plan, ICloudProvider cloud, INetworkProvider network, InfraUpRequest request, CancellationToken cancellationToken)
    {
        var bootstrapping = !request.NoBootstrap;
        var local = bootstrapping ? await remoteAccess.PreflightAsync(config.Bootstrap.Ssh, cancellationToken).ConfigureAwait(false) : LocalPreflight.Clean;
        var preflight = new PreflightRequest(plan, bootstrapping) { LoginKeys = local.LoginKeys };
        var findings = new List<PreflightFinding>(local.Findings);
        findings.AddRange(await cloud.PreflightAsync(preflight, cancellationToken).ConfigureAwait(false));
        if (bootstrapping)
        {
            findings.AddRange(await network.PreflightAsync(preflight, cancellationToken).ConfigureAwait(false));
        }

        if (findings.Count > 0)
        {
            throw new PreflightFailedException([.. findings.OrderBy(f => f.Scope).ThenBy(f => f.Message, StringComparer.Ordinal)]);
        }
    }

    /// <summary>Everything known so far about one run, turned into the report at the end.</summary>
    private sealed class Run(InfraUpRequest request)
    {
        private readonly Dictionary<string, ProvisionedHost> known = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> failures = new(StringComparer.Ordinal);
        private StagecraftConfig? config;
        private string environment = string.Empty;
        private Exception? meshNameFailure;

        public InfraUpRequest Request { get; } = request;

        public CloudPlan? Plan { get; set; }

        public INetworkProvider? Network { get; set; }

        public ICloudProvider? Cloud { get; set; }

        public CloudPlanRequest? PlanRequest { get; set; }

        /// <summary>The environment's cloud firewall: as planned, then as applied; null when none is declared.</summary>
        public FirewallChange? Firewall { get; set; }

        public bool HasApplied => known.Count > 0;

        public IReadOnlyDictionary<string, BootstrapOutcome>? Outcomes { get; set; }

        public void Start(StagecraftConfig loaded, string env)
        {
            config = loaded;
            environment = env;
        }

        public void AddKnown(IEnumerable<ProvisionedHost> hosts)
        {
            foreach (var host in hosts)
            {
                known[host.Host.Name] = host;
            }
        }

        /// <summary>Each host the plan would create fails with the findings that concern it (nothing was changed).</summary>
        public void FailPreflight(IReadOnlyList<PreflightFinding> findings)
        {
            foreach (var planned in Plan?.Hosts.Where(h => h.Action == PlanAction.Create) ?? [])
            {
                var concerning = findings.Where(f => f.Hosts.Count == 0 || f.Hosts.Contains(planned.Spec.Name, StringComparer.Ordinal)).Select(f => f.Message).ToList();
                failures[planned.Spec.Name] = concerning.Count > 0 ? $"preflight: {string.Join("; ", concerning)}" : "preflight failed for other hosts; nothing was created";
            }
        }

        public void AddFailures(IReadOnlyDictionary<string, string> hostFailures)
        {
            foreach (var (name, reason) in hostFailures)
            {
                failures[name] = reason;
            }
        }

        /// <summary>
        /// Every declared host once a plan exists: what apply provisioned, else (after a failure) a host that does not
        /// exist as <c>failed</c> with its reason, else its plan state.
        /// </summary>
        public InfraUpReport Finish(ReportError? error)
        {
            var hosts = new List<HostReport>();
            var specs = config is null ? [] : config.CloudSettings.Environments.GetValueOrDefault(environment) ?? [];
            foreach (var spec in specs.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                var planned = Plan?.Hosts.FirstOrDefault(p => p.Spec.Name == spec.Name);
                if (known.TryGetValue(spec.Name, out var provisioned))
                {
                    hosts.Add(FromProvisioned(provisioned));
                }
                else if (failures.TryGetValue(spec.Name, out var reason) && planned is not null)
                {
                    hosts.Add(FromPlan(planned) with { State = ProvisioningState.Failed, Reason = reason });
                }
                else if (planned is not null && (Request.DryRun || planned.Existing is not null))
                {
                    hosts.Add(FromPlan(planned, projected: Request.DryRun));
                }
                else if (planned is not null && error is not null)
                {
                    // A run that stopped before this host existed: say so instead of showing the plan's "create".
                    var why = error.Kind == ReportErrorKind.Interrupted ? "interrupted before it was created" : error.Message;
                    hosts.Add(FromPlan(planned) with { State = ProvisioningState.Failed, Reason = why });
                }
                else if (planned is not null)
                {
                    hosts.Add(FromPlan(planned));
                }
            }

            if (error is null && meshNameFailure is not null)
            {
                error = UnexpectedError.Report(meshNameFailure);
            }

            var exitCode = error?.ExitCode
                ?? (hosts.Any(h => h.Bootstrap.Status == BootstrapStatus.Failed) ? ExitCodes.HostsFailed : ExitCodes.Ok);
            var unmanaged = (Plan?.Unmanaged ?? []).OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal).ToList();
            return new InfraUpReport(
                environment,
                config?.CloudProvider.Id ?? string.Empty,
                config?.NetworkProvider.Id ?? string.Empty,
                Request.DryRun,
                hosts,
                unmanaged,
                error,
                exitCode)
            {
                Firewall = Firewall,
            };
        }

        private HostReport FromProvisioned(ProvisionedHost provisioned)
        {
            var host = provisioned.Host;
            var outcome = Outcomes is not null && Outcomes.TryGetValue(host.Name, out var o) ? o : BootstrapOutcome.Skipped;
            return new HostReport(
                host.Name,
                host.ResourceName,
                host.Id,
                host.Role,
                host.PublicIp ?? string.Empty,
                [.. host.Tags.Order(StringComparer.Ordinal)],
                MeshName(host),
                null,
                provisioned.State,
                provisioned.Changes,
                outcome)
            {
                PrivateIp = host.PrivateIp ?? string.Empty,
                Region = host.Region,
                Size = host.Size,
                Image = host.Image,
            };
        }

        /// <summary>
        /// A host as the plan sees it. <paramref name="projected"/> (a dry run): the tags it will carry once applied, the
        /// marker tags for a host to create and the tags apply will add for one that exists.
        /// </summary>
        private HostReport FromPlan(PlannedHost planned, bool projected = false)
        {
            var existing = planned.Existing;
            var host = existing ?? new Host(planned.Spec.Name, planned.ResourceName, string.Empty, planned.Spec.Role, null, []);
            IEnumerable<string> tags = host.Tags;
            if (projected)
            {
                tags = existing is null
                    ? ResourceNamer.MarkerTags(Plan?.Environment ?? environment)
                    : tags.Concat(planned.Changes.OfType<AddTag>().Select(t => t.Tag));
            }

            return new HostReport(
                planned.Spec.Name,
                planned.ResourceName,
                host.Id,
                planned.Spec.Role,
                host.PublicIp ?? string.Empty,
                [.. tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                MeshName(host),
                planned.Action,
                null,
                planned.Changes,
                BootstrapOutcome.Skipped)
            {
                Desired = planned.Desired,
                PrivateIp = host.PrivateIp ?? string.Empty,
                Region = host.Region,
                Size = host.Size,
                Image = host.Image,
            };
        }

        /// <summary>The host's mesh name; a provider that throws here leaves it empty and makes the run an internal error.</summary>
        private string MeshName(Host host)
        {
            if (Network is null)
            {
                return string.Empty;
            }

            try
            {
                return Network.NodeFqdn(host);
            }
            catch (Exception ex)
            {
                meshNameFailure ??= ex;
                return string.Empty;
            }
        }
    }
}
