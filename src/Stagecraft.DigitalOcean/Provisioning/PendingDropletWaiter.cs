using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Waiting;
using Stagecraft.DigitalOcean.Api;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// Waits until every droplet the ledger still waits for (created, powered on, or found without a public IP) is active
/// with a public IPv4, within what is left of the apply's deadline; each look refreshes the ledger's hosts.
/// Each look is one list by the environment tag (one request per 200 droplets). Droplets the list does not show yet
/// (it lags behind creates) are read by id, but at most <see cref="DigitalOceanApiOptions.MaxReadsByIdPerPoll"/> per
/// look: 500 fresh droplets would otherwise cost 500 GETs a look, twice the burst limit. Which ones is a deterministic
/// rotation over the missing ids (sorted), so a droplet that never shows in the list is still read within a few looks.
/// The requests of a look are polls: the rate-limit budget defers them before any other request.
/// </summary>
internal sealed class PendingDropletWaiter
{
    private readonly string environment;
    private readonly string environmentTag;
    private readonly DigitalOceanApiClient api;
    private readonly ApplyDeadline deadline;
    private readonly ApplyLedger ledger;
    private readonly IDiagnostics diagnostics;
    private readonly int maxReadsById;
    private int rotation;

    public PendingDropletWaiter(string environment, DigitalOceanApiClient api, ApplyDeadline deadline, ApplyLedger ledger, IDiagnostics diagnostics, int maxReadsById)
    {
        this.environment = environment;
        environmentTag = ResourceNamer.EnvironmentTag(environment);
        this.api = api.ForPolling();
        this.maxReadsById = maxReadsById;
        this.deadline = deadline;
        this.ledger = ledger;
        this.diagnostics = diagnostics;
    }

    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        if (!ledger.HasPending)
        {
            return;
        }

        try
        {
            await deadline.PollAfterFirstIntervalAsync(CheckPendingAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException ex)
        {
            throw new CloudProviderException(
                $"digitalocean provider: timed out after {DurationParser.Format(deadline.CreateTimeout)} waiting for droplets to become active with a public IPv4: {ex.Message}",
                ledger.Known());
        }
    }

    /// <summary>Best effort after a failed create or power-on: wait for what was created or powered on; a failure here leaves those hosts without an IP.</summary>
    public async Task WaitAfterFailureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DigitalOceanApiException or CloudProviderException)
        {
            VerboseLog.Write(diagnostics, $"digitalocean: waiting for the droplets created before the failure failed too: {ex.Message}");
        }
    }

    /// <summary>One list by the environment tag for all pending droplets; a few of the ids missing from the lagging list are read by id.</summary>
    private async Task<PollOutcome<bool>> CheckPendingAsync(CancellationToken cancellationToken)
    {
        var listed = await api.ListDropletsByTagAsync(environmentTag, cancellationToken).ConfigureAwait(false);
        var byId = listed.DistinctBy(d => d.Id).ToDictionary(d => d.Id);
        var pending = ledger.Pending();
        var readNow = ReadByIdThisLook([.. pending.Select(p => p.Key).Where(id => !byId.ContainsKey(id))]);
        var waiting = new List<string>();
        foreach (var (id, hostName) in pending)
        {
            var resourceName = ResourceNamer.ResourceName(environment, hostName);
            var droplet = byId.GetValueOrDefault(id);
            if (droplet is null && readNow.Contains(id))
            {
                droplet = await api.GetDropletAsync(id, cancellationToken).ConfigureAwait(false);
            }
            else if (droplet is null)
            {
                waiting.Add($"{resourceName} (id {DropletMapper.Id(id)}, not listed yet)");
                continue;
            }

            if (droplet is null)
            {
                waiting.Add($"{resourceName} (id {DropletMapper.Id(id)}, not visible yet)");
                continue;
            }

            ledger.RecordSeen(hostName, droplet);
            if (DropletMapper.IsReady(droplet))
            {
                ledger.RecordReady(id);
                continue;
            }

            var ip = DropletMapper.PublicIpv4(droplet) is null ? ", no public IPv4" : string.Empty;
            waiting.Add($"{resourceName} (id {DropletMapper.Id(id)}, status {droplet.Status}{ip})");
        }

        return ledger.HasPending ? PollOutcome.Pending<bool>(string.Join(", ", waiting)) : PollOutcome.Done(true);
    }

    /// <summary>
    /// Which of the <paramref name="missing"/> ids (not in the list) this look reads by id: all when they are few,
    /// otherwise the next <see cref="maxReadsById"/> of them in id order, continuing where the last look stopped.
    /// </summary>
    private HashSet<long> ReadByIdThisLook(List<long> missing)
    {
        if (missing.Count <= maxReadsById)
        {
            return [.. missing];
        }

        missing.Sort();
        var start = rotation % missing.Count;
        rotation = start + maxReadsById;
        return [.. Enumerable.Range(start, maxReadsById).Select(i => missing[i % missing.Count])];
    }
}
