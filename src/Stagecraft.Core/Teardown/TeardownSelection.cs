using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Teardown;

/// <summary>
/// Which droplets <c>infra down</c> may delete, from the read-only plan: a declared host's droplet only when it carries
/// both marker tags (<c>stagecraft</c>, <c>stagecraft-env-&lt;env&gt;</c>); an unmanaged one (environment-tagged, not
/// in the config) only with <c>--include-unmanaged</c>, both marker tags, and no <c>--host</c> limit. Everything else is
/// reported and left alone. Pure: no provider, no I/O.
/// </summary>
public sealed class TeardownSelection
{
    private TeardownSelection(IReadOnlyList<TeardownHost> hosts, IReadOnlyList<TeardownHost> unmanaged, IReadOnlyList<Host> targets)
    {
        Hosts = hosts;
        Unmanaged = unmanaged;
        Targets = targets;
    }

    /// <summary>Declared hosts, sorted by name; targets carry <see cref="TeardownOutcome.WouldDelete"/> until deleted.</summary>
    public IReadOnlyList<TeardownHost> Hosts { get; }

    /// <summary>Unmanaged droplets, sorted by name then id.</summary>
    public IReadOnlyList<TeardownHost> Unmanaged { get; }

    /// <summary>The droplets to delete, sorted by resource name then id (unmanaged ones have an empty <see cref="Host.Name"/>).</summary>
    public IReadOnlyList<Host> Targets { get; }

    public static TeardownSelection From(CloudPlan plan, bool includeUnmanaged, bool limitedToHosts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var markers = ResourceNamer.MarkerTags(plan.Environment);
        var targets = new List<Host>();
        var hosts = new List<TeardownHost>();
        foreach (var planned in plan.Hosts.OrderBy(h => h.Spec.Name, StringComparer.Ordinal))
        {
            if (planned.Existing is not { } existing)
            {
                hosts.Add(new TeardownHost(planned.Spec.Name, planned.ResourceName, planned.Spec.Role, string.Empty, string.Empty, TeardownOutcome.Absent, "does not exist", null, false));
                continue;
            }

            var missing = markers.Where(m => !existing.Tags.Contains(m, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                hosts.Add(Row(existing, TeardownOutcome.NotManaged,
                    $"not managed by stagecraft: droplet {existing.ResourceName} (id {existing.Id}) lacks the tag{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(" and ", missing)}; left alone"));
                continue;
            }

            targets.Add(existing);
            hosts.Add(Row(existing, TeardownOutcome.WouldDelete, string.Empty));
        }

        var unmanaged = new List<TeardownHost>();
        foreach (var resource in plan.Unmanaged.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal))
        {
            var host = new Host(string.Empty, resource.Name, resource.Id, string.Empty, resource.PublicIp, resource.Tags);
            var missing = markers.Where(m => !resource.Tags.Contains(m, StringComparer.Ordinal)).ToList();
            if (!includeUnmanaged || limitedToHosts)
            {
                var why = limitedToHosts ? "not in the config; kept (--host limits the teardown to the named hosts)" : "not in the config; kept (--include-unmanaged deletes it)";
                unmanaged.Add(Row(host, TeardownOutcome.Kept, why));
            }
            else if (missing.Count > 0)
            {
                unmanaged.Add(Row(host, TeardownOutcome.NotManaged, $"not managed by stagecraft: it lacks the tag {string.Join(" and ", missing)}; left alone"));
            }
            else
            {
                targets.Add(host);
                unmanaged.Add(Row(host, TeardownOutcome.WouldDelete, string.Empty));
            }
        }

        return new TeardownSelection(hosts, unmanaged, [.. targets.OrderBy(t => t.ResourceName, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal)]);
    }

    private static TeardownHost Row(Host host, TeardownOutcome outcome, string message) =>
        new(host.Name, host.ResourceName, host.Role, host.Id, host.PublicIp ?? string.Empty, outcome, message, null, false);
}
