using System.Globalization;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Testing;

/// <summary>
/// An in-memory cloud that records every call. Existing hosts are keyed by resource name; <see cref="Divergence"/>
/// makes a host plan as reconcile or drift. Created hosts get ids above int.MaxValue and 203.0.113.x addresses.
/// </summary>
public sealed class FakeCloud : ICloudProvider
{
    private long nextId = 2147483701;
    private int nextIp = 10;

    public string Id { get; set; } = "fakecloud";

    public Dictionary<string, Host> Existing { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (PlanAction Action, IReadOnlyList<PlanChange> Changes)> Divergence { get; } = new(StringComparer.Ordinal);

    public List<UnmanagedResource> Unmanaged { get; } = [];

    public List<string> Calls { get; } = [];

    public Exception? PlanFailure { get; set; }

    public Exception? ApplyFailure { get; set; }

    /// <summary>What <see cref="PreflightAsync"/> finds.</summary>
    public List<PreflightFinding> PreflightFindings { get; } = [];

    public Exception? PreflightFailure { get; set; }

    /// <summary>Runs inside ApplyAsync before anything is created (to cancel a run mid-apply, for example).</summary>
    public Action? OnApply { get; set; }

    public Host AddExisting(string environment, string name, string role, string? ip = null)
    {
        var resource = ResourceNamer.ResourceName(environment, name);
        var host = Described(new Host(name, resource, (nextId++).ToString(CultureInfo.InvariantCulture), role, ip ?? NextIp(), ResourceNamer.MarkerTags(environment)));
        Existing[resource] = host;
        return host;
    }

    public Task<CloudPlan> PlanAsync(CloudPlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Calls.Add($"plan {request.Environment} {string.Join(",", request.Hosts.Select(h => h.Name))}");
        LastPlanRequest = request;
        if (PlanFailure is not null)
        {
            throw PlanFailure;
        }

        var planned = request.Hosts.Select(spec =>
        {
            var resource = ResourceNamer.ResourceName(request.Environment, spec.Name);
            if (!Existing.TryGetValue(resource, out var existing))
            {
                return new PlannedHost(spec, resource, PlanAction.Create, null, []);
            }

            return Divergence.TryGetValue(spec.Name, out var d)
                ? new PlannedHost(spec, resource, d.Action, existing, d.Changes)
                : new PlannedHost(spec, resource, PlanAction.Unchanged, existing, []);
        }).ToList();
        return Task.FromResult(new CloudPlan(request.Environment, planned, [.. Unmanaged]) { Firewall = Firewall, Request = request });
    }

    public PreflightRequest? LastPreflight { get; private set; }

    public Task<IReadOnlyList<PreflightFinding>> PreflightAsync(PreflightRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Calls.Add($"preflight {request.Plan.Environment} {string.Join(",", request.ToCreate.Select(h => h.Spec.Name))}");
        LastPreflight = request;
        if (PreflightFailure is not null)
        {
            throw PreflightFailure;
        }

        return Task.FromResult<IReadOnlyList<PreflightFinding>>([.. PreflightFindings]);
    }

    public Task<CloudApplyResult> ApplyAsync(CloudPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Calls.Add($"apply {plan.Environment} {string.Join(",", plan.Hosts.Select(h => $"{h.Spec.Name}:{h.Action}"))}");
        OnApply?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        if (ApplyFailure is not null)
        {
            throw ApplyFailure;
        }

        var result = new List<ProvisionedHost>();
        foreach (var planned in plan.Hosts)
        {
            switch (planned.Action)
            {
                case PlanAction.Create:
                    var host = Described(new Host(planned.Spec.Name, planned.ResourceName, (nextId++).ToString(CultureInfo.InvariantCulture), planned.Spec.Role, NextIp(), ResourceNamer.MarkerTags(plan.Environment)));
                    Existing[planned.ResourceName] = host;
                    result.Add(new ProvisionedHost(host, ProvisioningState.Created, []));
                    break;
                case PlanAction.Reconcile:
                    Divergence.Remove(planned.Spec.Name);
                    result.Add(new ProvisionedHost(planned.Existing!, ProvisioningState.Reconciled, planned.Changes));
                    break;
                case PlanAction.Drift:
                    result.Add(new ProvisionedHost(planned.Existing!, ProvisioningState.Drifted, planned.Changes));
                    break;
                default:
                    result.Add(new ProvisionedHost(planned.Existing!, ProvisioningState.Unchanged, []));
                    break;
            }
        }

        return Task.FromResult(new CloudApplyResult(result) { Firewall = plan.Firewall is { } firewall ? firewall with { Applied = true } : null });
    }

    /// <summary>The firewall the plan reports (and the apply applies); null: none declared.</summary>
    public FirewallChange? Firewall { get; set; }

    /// <summary>The last plan's request (project, SSH port, mesh ports).</summary>
    public CloudPlanRequest? LastPlanRequest { get; private set; }

    /// <summary>Ids whose deletion fails with this message (the droplet stays).</summary>
    public Dictionary<string, string> DeleteFailures { get; } = new(StringComparer.Ordinal);

    public Exception? DeleteFailure { get; set; }

    /// <summary>Runs inside DeleteAsync before anything is deleted (to cancel a run there, for example).</summary>
    public Action? OnDelete { get; set; }

    /// <summary>What <see cref="DeleteFirewallAsync"/> finds: null, no firewall declared; else its name (deleted unless a dry run).</summary>
    public string? FirewallName { get; set; }

    public Task<FirewallTeardown?> DeleteFirewallAsync(CloudPlanRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Calls.Add($"delete-firewall {request.Environment}{(dryRun ? " dry-run" : string.Empty)}");
        if (FirewallName is not { } name)
        {
            return Task.FromResult<FirewallTeardown?>(null);
        }

        return Task.FromResult<FirewallTeardown?>(new FirewallTeardown(name, dryRun ? FirewallTeardownOutcome.WouldDelete : FirewallTeardownOutcome.Deleted, string.Empty));
    }

    /// <summary>Deletes by id from <see cref="Existing"/> and <see cref="Unmanaged"/>; records <c>delete ENV id,id</c>.</summary>
    public Task<IReadOnlyList<CloudDeleteResult>> DeleteAsync(CloudDeleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Calls.Add($"delete {request.Environment} {string.Join(",", request.Targets.Select(t => t.Id))}");
        OnDelete?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        if (DeleteFailure is not null)
        {
            throw DeleteFailure;
        }

        var results = new List<CloudDeleteResult>();
        foreach (var target in request.Targets)
        {
            if (DeleteFailures.TryGetValue(target.Id, out var failure))
            {
                results.Add(CloudDeleteResult.Failed(target.Id, failure));
                continue;
            }

            foreach (var key in Existing.Where(e => e.Value.Id == target.Id).Select(e => e.Key).ToList())
            {
                Existing.Remove(key);
            }

            Unmanaged.RemoveAll(u => u.Id == target.Id);
            results.Add(CloudDeleteResult.Gone(target.Id));
        }

        return Task.FromResult<IReadOnlyList<CloudDeleteResult>>(results);
    }

    /// <summary>What a fake host reports besides its name and IP: a private address from its id and one region, size and image.</summary>
    private static Host Described(Host host) => host with
    {
        PrivateIp = string.Create(CultureInfo.InvariantCulture, $"10.110.0.{long.Parse(host.Id, CultureInfo.InvariantCulture) % 250}"),
        Region = "fra1",
        Size = "s-1vcpu-1gb",
        Image = "ubuntu-22-04-x64",
        Status = "active",
    };

    private string NextIp() => string.Create(CultureInfo.InvariantCulture, $"203.0.113.{nextIp++}");
}
