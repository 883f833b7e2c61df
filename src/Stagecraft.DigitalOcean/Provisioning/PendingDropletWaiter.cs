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
/// </summary>
internal sealed class PendingDropletWaiter
{
    private readonly string environment;
    private readonly string environmentTag;
    private readonly DigitalOceanApiClient api;
    private readonly ApplyDeadline deadline;
    private readonly ApplyLedger ledger;
    private readonly IDiagnostics diagnostics;

    public PendingDropletWaiter(string environment, DigitalOceanApiClient api, ApplyDeadline deadline, ApplyLedger ledger, IDiagnostics diagnostics)
    {
        this.environment = environment;
        environmentTag = ResourceNamer.EnvironmentTag(environment);
        this.api = api;
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

    /// <summary>One list by the environment tag for all pending droplets; ids missing from the lagging list are read by id.</summary>
    private async Task<PollOutcome<bool>> CheckPendingAsync(CancellationToken cancellationToken)
    {
        var listed = await api.ListDropletsByTagAsync(environmentTag, cancellationToken).ConfigureAwait(false);
        var byId = listed.DistinctBy(d => d.Id).ToDictionary(d => d.Id);
        var waiting = new List<string>();
        foreach (var (id, hostName) in ledger.Pending())
        {
            var resourceName = ResourceNamer.ResourceName(environment, hostName);
            var droplet = byId.GetValueOrDefault(id) ?? await api.GetDropletAsync(id, cancellationToken).ConfigureAwait(false);
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
}
