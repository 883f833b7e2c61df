using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// What one apply knows so far: every host with a droplet (for the result and for error reports), the droplets still
/// to wait for until they are active with a public IPv4, and the hosts to create that have no droplet yet. Not thread
/// safe: concurrent work collects its findings and records them here afterwards, in a fixed order.
/// </summary>
internal sealed class ApplyLedger
{
    private readonly string environment;
    private readonly IReadOnlyDictionary<string, DropletSpec> specs;
    private readonly SortedDictionary<string, ProvisionedHost> known = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, string> pending = [];
    private readonly SortedSet<string> notCreated = new(StringComparer.Ordinal);

    public ApplyLedger(string environment, IReadOnlyDictionary<string, DropletSpec> specs)
    {
        this.environment = environment;
        this.specs = specs;
    }

    public bool HasKnown => known.Count > 0;

    public bool HasPending => pending.Count > 0;

    /// <summary>Every host with a droplet, sorted by host name.</summary>
    public IReadOnlyList<ProvisionedHost> Known() => [.. known.Values];

    /// <summary>The droplets still waited for (id, host name), sorted by id; a copy, so the caller may record while it reads.</summary>
    public IReadOnlyList<KeyValuePair<long, string>> Pending() => [.. pending];

    /// <summary>The resource names of the hosts to create that have no droplet yet, comma separated.</summary>
    public string NotCreatedNames() =>
        string.Join(", ", notCreated.Select(n => ResourceNamer.ResourceName(environment, n)));

    /// <summary>Records what the plan found: existing droplets as known (pending when they lack a public IP), creates as not created yet.</summary>
    public void RecordPlanned(CloudPlan plan)
    {
        foreach (var host in plan.Hosts)
        {
            switch (host.Action)
            {
                case PlanAction.Create:
                    notCreated.Add(host.Spec.Name);
                    break;
                case PlanAction.Unchanged:
                    RecordExisting(host, ProvisioningState.Unchanged, []);
                    break;
                case PlanAction.Drift:
                    // Drift is reported, never corrected (size, region, image stay); its tags and power-on still apply.
                    RecordExisting(host, ProvisioningState.Drifted, host.Changes);
                    break;
                case PlanAction.Reconcile:
                    RecordExisting(host, ProvisioningState.Reconciled, host.Changes);
                    break;
                default:
                    throw new CloudProviderException($"digitalocean provider: unknown plan action {host.Action} for {host.ResourceName}");
            }
        }
    }

    /// <summary>The tag was added to the droplet of <paramref name="hostName"/>.</summary>
    public void RecordTag(string hostName, string tag)
    {
        var current = known[hostName];
        known[hostName] = current with { Host = current.Host with { Tags = DropletMapper.SortedTags(current.Host.Tags.Append(tag)) } };
    }

    /// <summary>The in-place changes of these hosts failed: they are reported as failed with their reason, not as known.</summary>
    public void RecordFailed(IEnumerable<string> hostNames)
    {
        foreach (var name in hostNames)
        {
            if (known.Remove(name, out var removed))
            {
                var id = DropletMapper.ParseId(removed.Host);
                if (pending.TryGetValue(id, out var waited) && string.Equals(waited, name, StringComparison.Ordinal))
                {
                    pending.Remove(id);
                }
            }
        }
    }

    /// <summary>The droplet was powered on: wait for it to become active.</summary>
    public void RecordPoweredOn(long id, string hostName) => pending[id] = hostName;

    /// <summary>The host got a droplet in this apply (created, or adopted after an ambiguous create): known and waited for.</summary>
    public void RecordCreated(string hostName, DropletDto droplet)
    {
        var resourceName = ResourceNamer.ResourceName(environment, hostName);
        known[hostName] = new ProvisionedHost(DropletMapper.ToHost(specs[hostName], resourceName, droplet), ProvisioningState.Created, []);
        pending[droplet.Id] = hostName;
        notCreated.Remove(hostName);
    }

    /// <summary>The latest look at a waited-for droplet; it stays waited for until <see cref="RecordReady"/>.</summary>
    public void RecordSeen(string hostName, DropletDto droplet)
    {
        var resourceName = ResourceNamer.ResourceName(environment, hostName);
        var current = known[hostName];
        known[hostName] = current with { Host = DropletMapper.ToHost(specs[hostName], resourceName, droplet) };
    }

    /// <summary>The droplet is active with a public IPv4: no longer waited for.</summary>
    public void RecordReady(long id) => pending.Remove(id);

    private void RecordExisting(PlannedHost host, ProvisioningState state, IReadOnlyList<PlanChange> changes)
    {
        var existing = host.Existing ?? throw new CloudProviderException($"digitalocean provider: the plan for {host.ResourceName} has no droplet");
        known[host.Spec.Name] = new ProvisionedHost(existing, state, changes);
        if (existing.PublicIp is null)
        {
            pending[DropletMapper.ParseId(existing)] = host.Spec.Name;
        }
    }
}
