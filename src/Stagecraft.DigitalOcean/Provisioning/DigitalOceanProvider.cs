using Stagecraft.Core.Preflight;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// Plans and applies droplets for one run. Idempotency comes from the <c>stagecraft-env-&lt;env&gt;</c> tag plus the
/// name <c>&lt;env&gt;-&lt;host&gt;</c>; a name that matches two droplets is refused.
/// </summary>
internal sealed class DigitalOceanProvider : ICloudProvider
{
    private readonly DigitalOceanSettings settings;
    private readonly DigitalOceanApiClient api;
    private readonly SshKeyResolver sshKeys;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly DigitalOceanApiOptions options;
    private readonly UntaggedDropletFinder finder;
    private readonly DropletPreflight preflight;
    private readonly VpcResolver vpcs;
    private readonly ProjectAssigner projects;

    public DigitalOceanProvider(DigitalOceanSettings settings, DigitalOceanApiClient api, TimeProvider time, IDiagnostics diagnostics, DigitalOceanApiOptions options)
    {
        this.settings = settings;
        this.api = api;
        this.time = time;
        this.diagnostics = diagnostics;
        this.options = options;
        // Every name the config gives (ssh_key_name first, then each host's ssh_keys), so the account keys are listed once.
        sshKeys = new SshKeyResolver(api, [.. settings.Droplets.Values.SelectMany(d => d).SelectMany(d => d.Options.SshKeys).Prepend(settings.SshKeyName).Distinct(StringComparer.Ordinal)]);
        finder = new UntaggedDropletFinder(api, diagnostics);
        vpcs = new VpcResolver(api);
        projects = new ProjectAssigner(api, diagnostics);
        preflight = new DropletPreflight(settings, api, sshKeys, vpcs, projects);
    }

    public string Id => DigitalOceanProviderFactory.ProviderId;

    public async Task<CloudPlan> PlanAsync(CloudPlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await PlanCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex)
        {
            throw new CloudProviderException(ex.Message, ex);
        }
    }

    /// <summary>What the account would refuse about the droplets to create (see <see cref="DropletPreflight"/>); read-only.</summary>
    public async Task<IReadOnlyList<PreflightFinding>> PreflightAsync(PreflightRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var toCreate = request.ToCreate.Select(h => Spec(request.Plan.Environment, h.Spec)).ToList();
        try
        {
            return await preflight.CheckAsync(toCreate, request.Bootstrapping ? request.LoginKeys : [], cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex)
        {
            throw new CloudProviderException(ex.Message, ex);
        }
    }

    public async Task<CloudApplyResult> ApplyAsync(CloudPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);

        // The firewall first: a droplet is covered the moment it carries the environment tag, before SSH is tried.
        FirewallChange? firewall = null;
        if (plan.Firewall is { } planned && settings.Firewall is { } firewallSettings && plan.Request is { } request)
        {
            try
            {
                firewall = await new FirewallReconciler(api, firewallSettings, diagnostics).ApplyAsync(planned, request, cancellationToken).ConfigureAwait(false);
            }
            catch (DigitalOceanApiException ex)
            {
                throw new CloudProviderException($"{ex.Message} (firewall {planned.Name}; no droplet was created or changed)", ex);
            }
        }

        var specs = plan.Hosts.ToDictionary(h => h.Spec.Name, h => Spec(plan.Environment, h.Spec), StringComparer.Ordinal);
        foreach (var (name, spec) in specs.Where(s => s.Value.Options.Vpc is not null && plan.Hosts.Any(h => h.Spec.Name == s.Key && h.Action == PlanAction.Create)).ToList())
        {
            try
            {
                specs[name] = spec with { Options = spec.Options with { VpcId = await vpcs.RequireIdAsync(spec.Options.Vpc!, cancellationToken).ConfigureAwait(false) } };
            }
            catch (DigitalOceanApiException ex)
            {
                throw new CloudProviderException(ex.Message, ex);
            }
        }

        var run = new DropletApplyRun(plan, specs, api, sshKeys, time, diagnostics, options, settings.CreateTimeout);
        var result = await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        await AssignProjectsAsync(result, specs, cancellationToken).ConfigureAwait(false);
        return result with { Firewall = firewall };
    }

    public async Task<IReadOnlyList<CloudDeleteResult>> DeleteAsync(CloudDeleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await new DropletDeleter(api, time, diagnostics, options, settings.DeleteTimeout).DeleteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex)
        {
            throw new CloudProviderException(ex.Message, ex);
        }
    }

    public async Task<FirewallTeardown?> DeleteFirewallAsync(CloudPlanRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (settings.Firewall is not { } firewall)
        {
            return null;
        }

        try
        {
            return await new FirewallReconciler(api, firewall, diagnostics).DeleteAsync(request, dryRun, cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex)
        {
            throw new CloudProviderException(ex.Message, ex);
        }
    }

    /// <summary>Every provisioned droplet whose host names a project goes there (created ones land in the default project).</summary>
    private async Task AssignProjectsAsync(CloudApplyResult result, Dictionary<string, DropletSpec> specs, CancellationToken cancellationToken)
    {
        var wanted = result.Hosts
            .Where(h => specs.TryGetValue(h.Host.Name, out var spec) && spec.Options.Project is not null && h.State != ProvisioningState.Failed)
            .ToDictionary(h => DropletMapper.ParseId(h.Host), h => specs[h.Host.Name].Options.Project!);
        if (wanted.Count == 0)
        {
            return;
        }

        try
        {
            await projects.AssignAsync(wanted, cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex)
        {
            throw new CloudProviderException(ex.Message, result.Hosts, ex);
        }
        catch (CloudProviderException ex) when (ex.KnownHosts.Count == 0)
        {
            // What was created stays in the report: the failure is the assignment's, after the droplets exist.
            throw new CloudProviderException(ex.Message, result.Hosts, ex.InnerException);
        }
    }

    private async Task<CloudPlan> PlanCoreAsync(CloudPlanRequest request, CancellationToken cancellationToken)
    {
        var firewall = settings.Firewall is { } firewallSettings
            ? await new FirewallReconciler(api, firewallSettings, diagnostics).PlanAsync(request, cancellationToken).ConfigureAwait(false)
            : null;
        var environment = request.Environment;
        var tagged = await api.ListDropletsByTagAsync(ResourceNamer.EnvironmentTag(environment), cancellationToken).ConfigureAwait(false);
        var taggedByName = tagged.ToLookup(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hosts = request.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();

        // Hosts not found by tag (created by hand, or tagging was interrupted; on a first run, all of them) are found
        // by name — never combining name or type with tag_name — with as few requests as the account allows.
        var untagged = hosts.Where(h => !taggedByName.Contains(ResourceNamer.ResourceName(environment, h.Name))).ToList();
        var byName = await finder.FindAsync(
            [.. untagged.Select(h => ResourceNamer.ResourceName(environment, h.Name))],
            untagged
                .Where(h => Spec(environment, h).Size.StartsWith(UntaggedDropletFinder.GpuSizePrefix, StringComparison.Ordinal))
                .Select(h => ResourceNamer.ResourceName(environment, h.Name))
                .ToHashSet(StringComparer.OrdinalIgnoreCase),
            cancellationToken).ConfigureAwait(false);

        var planned = new List<PlannedHost>();
        foreach (var hostSpec in hosts)
        {
            var spec = Spec(environment, hostSpec);
            var resourceName = ResourceNamer.ResourceName(environment, spec.Name);
            declared.Add(resourceName);
            IReadOnlyList<DropletDto> matches = byName.TryGetValue(resourceName, out var adopted) ? adopted : [.. taggedByName[resourceName]];
            var vpc = spec.Options.Vpc is { } named && matches.Count == 1 ? await vpcs.FindAsync(named, cancellationToken).ConfigureAwait(false) : null;
            var outsideProject = spec.Options.Project is { } project && matches.Count == 1
                && !await projects.IsMemberAsync(project, matches[0].Id, cancellationToken).ConfigureAwait(false);
            planned.Add(PlanHost(environment, hostSpec, spec, resourceName, matches, vpc, outsideProject));
        }

        var unmanaged = tagged
            .Where(d => !declared.Contains(d.Name))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ThenBy(d => d.Id)
            .Select(d => new UnmanagedResource(DropletMapper.Id(d.Id), d.Name) { PublicIp = DropletMapper.PublicIpv4(d), Tags = DropletMapper.SortedTags(d.Tags ?? []) })
            .ToList();
        return new CloudPlan(environment, planned, unmanaged) { Firewall = firewall, Request = request };
    }

    private static PlannedHost PlanHost(
        string environment, HostSpec hostSpec, DropletSpec spec, string resourceName, IReadOnlyList<DropletDto> matches, VpcDto? vpc, bool outsideProject)
    {
        if (matches.Count > 1)
        {
            throw new CloudProviderException(DuplicateMessage(resourceName, matches));
        }

        if (matches.Count == 0)
        {
            return new PlannedHost(hostSpec, resourceName, PlanAction.Create, null, []) { Desired = DropletMapper.Desired(spec) };
        }

        var droplet = matches[0];
        var host = DropletMapper.ToHost(spec, resourceName, droplet);
        var drift = DropletMapper.Drift(spec, droplet, vpc);
        IReadOnlyList<PlanChange> changes = [.. DropletMapper.ReconcileChanges(environment, spec, droplet), .. outsideProject ? [new MoveToProject(spec.Options.Project!)] : Array.Empty<PlanChange>()];
        if (drift.Count > 0)
        {
            // Drift is reported and never corrected (no resize, no rebuild); the safe in-place changes still apply.
            return new PlannedHost(hostSpec, resourceName, PlanAction.Drift, host, [.. drift, .. changes]);
        }

        return changes.Count > 0
            ? new PlannedHost(hostSpec, resourceName, PlanAction.Reconcile, host, changes)
            : new PlannedHost(hostSpec, resourceName, PlanAction.Unchanged, host, []);
    }

    internal static string DuplicateMessage(string resourceName, IEnumerable<DropletDto> matches)
    {
        var ids = matches.Select(d => d.Id).Order().Select(DropletMapper.Id).ToList();
        return $"digitalocean provider: {ids.Count} droplets are named {resourceName} (ids {string.Join(", ", ids)}); " +
            "stagecraft will not choose between them. Delete or rename the extra droplet and run again";
    }

    private DropletSpec Spec(string environment, HostSpec host) =>
        settings.FindDroplet(environment, host.Name)
        ?? throw new CloudProviderException($"digitalocean provider: host '{host.Name}' is not declared under cloud.providers.digitalocean.hosts.{environment}");
}
