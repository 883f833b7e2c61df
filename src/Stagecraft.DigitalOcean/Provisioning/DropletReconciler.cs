using System.Collections.Concurrent;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Waiting;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// The in-place changes of existing droplets (reconciled or drifted): adds the missing marker tags, one request per
/// tag for all its droplets, then powers the stopped ones on concurrently and waits for each action. A power-on that
/// fails is that host's failure: the others still complete and are waited for, and the failed hosts come back by name.
/// </summary>
internal sealed class DropletReconciler
{
    /// <summary>Power-ons in flight at once.</summary>
    internal const int MaxConcurrentPowerOns = 10;

    private readonly string environment;
    private readonly DigitalOceanApiClient api;
    private readonly ApplyDeadline deadline;
    private readonly ApplyLedger ledger;
    private readonly IDiagnostics diagnostics;

    public DropletReconciler(string environment, DigitalOceanApiClient api, ApplyDeadline deadline, ApplyLedger ledger, IDiagnostics diagnostics)
    {
        this.environment = environment;
        this.api = api;
        this.deadline = deadline;
        this.ledger = ledger;
        this.diagnostics = diagnostics;
    }

    /// <summary>
    /// Tags and powers on the reconcile and drift hosts of <paramref name="plan"/>; powered-on droplets are waited for
    /// later. Returns, by host name, why a power-on failed (empty when none did).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ReconcileAsync(CloudPlan plan, CancellationToken cancellationToken)
    {
        var reconcile = plan.Hosts.Where(h => h.Action is PlanAction.Reconcile or PlanAction.Drift).ToList();
        await AddMissingTagsAsync(reconcile, cancellationToken).ConfigureAwait(false);
        return await PowerOnStoppedAsync(reconcile, cancellationToken).ConfigureAwait(false);
    }

    private async Task AddMissingTagsAsync(List<PlannedHost> reconcile, CancellationToken cancellationToken)
    {
        var byTag = new SortedDictionary<string, List<PlannedHost>>(StringComparer.Ordinal);
        foreach (var host in reconcile)
        {
            foreach (var tag in host.Changes.OfType<AddTag>().Select(t => t.Tag))
            {
                if (!byTag.TryGetValue(tag, out var hosts))
                {
                    byTag[tag] = hosts = [];
                }

                hosts.Add(host);
            }
        }

        foreach (var (tag, hosts) in byTag)
        {
            VerboseLog.Write(diagnostics, $"digitalocean: tagging {string.Join(", ", hosts.Select(h => h.ResourceName))} with {tag}");
            await api.TagDropletsAsync(tag, [.. hosts.Select(h => DropletMapper.ParseId(h.Existing!))], cancellationToken).ConfigureAwait(false);
            foreach (var host in hosts)
            {
                ledger.RecordTag(host.Spec.Name, tag);
            }
        }
    }

    /// <summary>Power-ons run concurrently (bounded), so the apply waits about one create_timeout for all, not one each.</summary>
    private async Task<IReadOnlyDictionary<string, string>> PowerOnStoppedAsync(List<PlannedHost> reconcile, CancellationToken cancellationToken)
    {
        var powerOns = reconcile.Where(h => h.Changes.OfType<PowerOn>().Any()).ToList();
        var poweredOn = new ConcurrentDictionary<long, string>();
        var failed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await Parallel.ForEachAsync(
                powerOns,
                new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPowerOns, CancellationToken = cancellationToken },
                async (host, ct) =>
                {
                    try
                    {
                        poweredOn[await PowerOnAsync(host, ct).ConfigureAwait(false)] = host.Spec.Name;
                    }
                    catch (Exception ex) when (ex is DigitalOceanApiException or CloudProviderException && !ct.IsCancellationRequested)
                    {
                        failed[host.Spec.Name] = Reason(ex.Message);
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            // Recorded whatever happened (an interrupt included): a droplet that was powered on is waited for and reported.
            foreach (var (id, name) in poweredOn.OrderBy(p => p.Value, StringComparer.Ordinal))
            {
                ledger.RecordPoweredOn(id, name);
            }
        }

        return new SortedDictionary<string, string>(failed, StringComparer.Ordinal);
    }

    /// <summary>A host's one-line reason: the provider's message without its "digitalocean provider: " prefix.</summary>
    private static string Reason(string message)
    {
        const string Prefix = "digitalocean provider: ";
        var text = message.StartsWith(Prefix, StringComparison.Ordinal) ? message[Prefix.Length..] : message;
        return $"power on failed: {text}";
    }

    /// <summary>Powers the droplet on and waits for the action; returns its id for the readiness wait.</summary>
    private async Task<long> PowerOnAsync(PlannedHost host, CancellationToken cancellationToken)
    {
        var id = DropletMapper.ParseId(host.Existing!);
        VerboseLog.Write(diagnostics, $"digitalocean: powering on {host.ResourceName} (id {DropletMapper.Id(id)})");
        ActionDto? action;
        try
        {
            action = await deadline.PollAsync(
                async ct =>
                {
                    try
                    {
                        return PollOutcome.Done<ActionDto?>(await api.PowerOnAsync(id, ct).ConfigureAwait(false));
                    }
                    catch (DigitalOceanApiException ex) when (ex.StatusCode == 422)
                    {
                        // 422 means "already on" or "another action is pending"; the droplet says which (never parse the message).
                        var droplet = await api.GetDropletAsync(id, ct).ConfigureAwait(false)
                            ?? throw new CloudProviderException($"digitalocean provider: droplet {host.ResourceName} (id {DropletMapper.Id(id)}) disappeared while powering it on");
                        return string.Equals(droplet.Status, DropletMapper.ActiveStatus, StringComparison.Ordinal)
                            ? PollOutcome.Done<ActionDto?>(null)
                            : PollOutcome.Pending<ActionDto?>($"{host.ResourceName} (id {DropletMapper.Id(id)}) has another action in progress");
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException ex)
        {
            throw new CloudProviderException($"digitalocean provider: could not power on within {DurationParser.Format(deadline.CreateTimeout)}: {ex.Message}");
        }

        if (action is not null)
        {
            await WaitForActionAsync(host, id, action, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    private async Task WaitForActionAsync(PlannedHost host, long dropletId, ActionDto action, CancellationToken cancellationToken)
    {
        var described = $"power_on of {host.ResourceName} (id {DropletMapper.Id(dropletId)}, action id {DropletMapper.Id(action.Id)})";
        try
        {
            await deadline.PollAfterFirstIntervalAsync(
                async ct =>
                {
                    var current = await api.ForPolling().GetActionAsync(action.Id, ct).ConfigureAwait(false);
                    return current.Status switch
                    {
                        "completed" => PollOutcome.Done(true),
                        "errored" => throw new CloudProviderException($"digitalocean provider: {described} errored"),
                        _ => PollOutcome.Pending<bool>($"{described} is {current.Status}"),
                    };
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException ex)
        {
            throw new CloudProviderException($"digitalocean provider: timed out after {DurationParser.Format(deadline.CreateTimeout)}: {ex.Message}");
        }
    }
}
