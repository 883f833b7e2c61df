using System.Globalization;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// The environment's cloud firewall <c>stagecraft-&lt;project&gt;-&lt;env&gt;</c>, attached by the environment tag so
/// a droplet is covered the moment it is tagged. Plan: list every firewall, find ours by name, compare the rules as
/// sets (normalised: <c>"0"</c> is <c>all</c>, ICMP has no ports, addresses sorted). Apply: create it (the tag first,
/// since a firewall may only name existing tags) or replace it whole (PUT), keeping droplets and tags others attached.
/// A firewall of that name without our tag is someone else's: refused, never touched. No other firewall is read past its name.
/// </summary>
internal sealed class FirewallReconciler
{
    private const string Inbound = "inbound";
    private const string Outbound = "outbound";

    private readonly DigitalOceanApiClient api;
    private readonly FirewallSettings settings;
    private readonly IDiagnostics diagnostics;

    public FirewallReconciler(DigitalOceanApiClient api, FirewallSettings settings, IDiagnostics diagnostics)
    {
        this.api = api;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    public static string Name(string project, string environment) => $"stagecraft-{project}-{environment}";

    /// <summary>Read-only: what the apply will do with the firewall.</summary>
    public async Task<FirewallChange> PlanAsync(CloudPlanRequest request, CancellationToken cancellationToken)
    {
        var name = Name(request.Project, request.Environment);
        var desired = Desired(request);
        var existing = await FindAsync(name, request.Environment, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return Change(name, FirewallAction.Create, desired, [], applied: false);
        }

        var actual = Read(existing);
        var added = desired.Except(actual).ToList();
        var removed = actual.Except(desired).ToList();
        return Change(name, added.Count + removed.Count == 0 ? FirewallAction.Unchanged : FirewallAction.Update, added, removed, applied: false);
    }

    /// <summary>Creates or replaces the firewall as planned (re-read first: the plan holds no provider state).</summary>
    public async Task<FirewallChange> ApplyAsync(FirewallChange planned, CloudPlanRequest request, CancellationToken cancellationToken)
    {
        if (planned.Action == FirewallAction.Unchanged)
        {
            return planned with { Applied = true };
        }

        var tag = ResourceNamer.EnvironmentTag(request.Environment);
        var desired = Desired(request);
        var existing = await FindAsync(planned.Name, request.Environment, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            VerboseLog.Write(diagnostics, $"digitalocean: creating firewall {planned.Name}");
            await api.CreateTagAsync(tag, cancellationToken).ConfigureAwait(false);
            try
            {
                await api.CreateFirewallAsync(Body(planned.Name, desired, [], [tag]), cancellationToken).ConfigureAwait(false);
            }
            catch (DigitalOceanApiException ex) when (ex.IsAmbiguous)
            {
                // The create may have happened: look before deciding, never send it twice.
                if (await FindAsync(planned.Name, request.Environment, cancellationToken).ConfigureAwait(false) is null)
                {
                    throw;
                }
            }

            return Change(planned.Name, FirewallAction.Create, desired, [], applied: true);
        }

        var actual = Read(existing);
        if (actual.SequenceEqual(desired))
        {
            return Change(planned.Name, FirewallAction.Unchanged, [], [], applied: true);
        }

        VerboseLog.Write(diagnostics, $"digitalocean: updating the rules of firewall {planned.Name} (id {existing.Id})");
        var tags = (existing.Tags ?? []).Append(tag).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await api.ReplaceFirewallAsync(existing.Id!, Body(planned.Name, desired, existing.DropletIds ?? [], tags), cancellationToken).ConfigureAwait(false);
        return Change(planned.Name, FirewallAction.Update, [.. desired.Except(actual)], [.. actual.Except(desired)], applied: true);
    }

    /// <summary><c>infra down --include-firewall</c>: deletes ours (found as the plan finds it); absent is nothing to do.</summary>
    public async Task<FirewallTeardown> DeleteAsync(CloudPlanRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        var name = Name(request.Project, request.Environment);
        var existing = await FindAsync(name, request.Environment, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return new FirewallTeardown(name, FirewallTeardownOutcome.Absent, "does not exist");
        }

        if (dryRun)
        {
            return new FirewallTeardown(name, FirewallTeardownOutcome.WouldDelete, string.Empty);
        }

        VerboseLog.Write(diagnostics, $"digitalocean: deleting firewall {name} (id {existing.Id})");
        await api.DeleteFirewallAsync(existing.Id!, cancellationToken).ConfigureAwait(false);
        return new FirewallTeardown(name, FirewallTeardownOutcome.Deleted, string.Empty);
    }

    /// <summary>Ours by name; none when absent. Two of that name, or one without our tag, is refused.</summary>
    private async Task<FirewallDto?> FindAsync(string name, string environment, CancellationToken cancellationToken)
    {
        var named = (await api.ListFirewallsAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => string.Equals(f.Name, name, StringComparison.Ordinal))
            .ToList();
        var tag = ResourceNamer.EnvironmentTag(environment);
        if (named.Count > 1)
        {
            throw new CloudProviderException(
                $"digitalocean provider: {named.Count} firewalls are named {name} (ids {string.Join(", ", named.Select(f => f.Id).Order(StringComparer.Ordinal))}); " +
                "stagecraft will not choose between them. Delete the extra one and run again");
        }

        if (named.Count == 1 && !(named[0].Tags ?? []).Contains(tag, StringComparer.Ordinal))
        {
            throw new CloudProviderException(
                $"digitalocean provider: firewall {name} (id {named[0].Id}) exists but is not attached to the tag {tag}, so stagecraft did not create it " +
                $"and will not change it: rename or delete that firewall, or add the tag {tag} to it if it is meant to be this environment's");
        }

        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>SSH on the SSH port from the configured sources, the mesh's ports and the declared TCP ports from anywhere; everything outbound.</summary>
    private List<FirewallRule> Desired(CloudPlanRequest request)
    {
        var anywhere = FirewallSettings.Anywhere;
        var rules = new List<FirewallRule>
        {
            new(Inbound, "tcp", request.SshPort.ToString(CultureInfo.InvariantCulture), Sorted(settings.SshSources)),
            new(Outbound, "icmp", string.Empty, Sorted(anywhere)),
            new(Outbound, "tcp", "all", Sorted(anywhere)),
            new(Outbound, "udp", "all", Sorted(anywhere)),
        };
        rules.AddRange(request.MeshPorts.Select(p => new FirewallRule(Inbound, p.Protocol, p.Ports, Sorted(anywhere))));
        rules.AddRange(settings.Ports.Select(p => new FirewallRule(Inbound, "tcp", p, Sorted(anywhere))));
        return Ordered(rules);
    }

    /// <summary>The firewall's rules, normalised as <see cref="Desired"/> writes them.</summary>
    private static List<FirewallRule> Read(FirewallDto firewall) =>
        Ordered([
            .. (firewall.InboundRules ?? []).Select(r => Rule(Inbound, r, r.Sources)),
            .. (firewall.OutboundRules ?? []).Select(r => Rule(Outbound, r, r.Destinations)),
        ]);

    private static FirewallRule Rule(string direction, FirewallRuleDto rule, FirewallTargetDto? target)
    {
        var protocol = (rule.Protocol ?? string.Empty).ToLowerInvariant();
        var ports = protocol == "icmp" ? string.Empty : rule.Ports is null or "0" or "" ? "all" : rule.Ports;
        var addresses = (target?.Addresses ?? [])
            .Concat((target?.Tags ?? []).Select(t => $"tag:{t}"))
            .Concat((target?.DropletIds ?? []).Select(id => $"droplet:{id.ToString(CultureInfo.InvariantCulture)}"))
            .Concat((target?.LoadBalancerUids ?? []).Select(id => $"load-balancer:{id}"))
            .Concat((target?.KubernetesIds ?? []).Select(id => $"kubernetes:{id}"));
        return new FirewallRule(direction, protocol, ports, Sorted(addresses));
    }

    private static FirewallDto Body(string name, IReadOnlyList<FirewallRule> rules, IReadOnlyList<long> dropletIds, IReadOnlyList<string> tags) => new()
    {
        Name = name,
        InboundRules = [.. rules.Where(r => r.Direction == Inbound).Select(r => new FirewallRuleDto
        {
            Protocol = r.Protocol,
            Ports = r.Ports.Length > 0 ? r.Ports : null,
            Sources = new FirewallTargetDto { Addresses = r.Addresses },
        })],
        OutboundRules = [.. rules.Where(r => r.Direction == Outbound).Select(r => new FirewallRuleDto
        {
            Protocol = r.Protocol,
            Ports = r.Ports.Length > 0 ? r.Ports : null,
            Destinations = new FirewallTargetDto { Addresses = r.Addresses },
        })],
        DropletIds = dropletIds.Count > 0 ? dropletIds : null,
        Tags = tags,
    };

    private FirewallChange Change(string name, FirewallAction action, IReadOnlyList<FirewallRule> added, IReadOnlyList<FirewallRule> removed, bool applied) =>
        new(name, action, added, removed, Warnings(), applied) { SshSources = string.Join(", ", settings.SshSources) };

    private IReadOnlyList<string> Warnings() => settings.SshFromAnywhereByDefault
        ? ["SSH is open to anywhere (0.0.0.0/0, ::/0): set cloud.providers.digitalocean.firewall.ssh_sources to the addresses you connect from"]
        : [];

    private static IReadOnlyList<string> Sorted(IEnumerable<string> addresses) => [.. addresses.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Inbound before outbound, then protocol, then by first port number, then the rest: one order for plan, report and request.</summary>
    private static List<FirewallRule> Ordered(IEnumerable<FirewallRule> rules) =>
        [.. rules.Distinct()
            .OrderBy(r => r.Direction == Inbound ? 0 : 1)
            .ThenBy(r => r.Protocol, StringComparer.Ordinal)
            .ThenBy(r => int.TryParse(r.Ports.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : int.MaxValue)
            .ThenBy(r => r.ToString(), StringComparer.Ordinal)];
}
