using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// Creates the droplets the plan lacks, in batches (one <c>POST /v2/droplets</c> per region/size/image, at most
/// <see cref="DigitalOceanApiOptions.MaxNamesPerCreate"/> names), without ever re-sending an ambiguous create. Records
/// what got a droplet in the ledger; the wait for active is someone else's.
/// </summary>
internal sealed class DropletCreator
{
    /// <summary>Create POSTs in flight at once: N=50 takes 2 round trips instead of 5, far inside the burst limit.</summary>
    internal const int CreateBatchParallelism = 4;

    private readonly string environment;
    private readonly IReadOnlyDictionary<string, DropletSpec> specs;
    private readonly DigitalOceanApiClient api;
    private readonly SshKeyResolver sshKeys;
    private readonly DigitalOceanApiOptions options;
    private readonly ApplyLedger ledger;
    private readonly AmbiguousCreateSearch search;
    private readonly IDiagnostics diagnostics;
    private int createsStopped;

    public DropletCreator(
        string environment,
        IReadOnlyDictionary<string, DropletSpec> specs,
        DigitalOceanApiClient api,
        SshKeyResolver sshKeys,
        DigitalOceanApiOptions options,
        ApplyDeadline deadline,
        ApplyLedger ledger,
        IDiagnostics diagnostics)
    {
        this.environment = environment;
        this.specs = specs;
        this.api = api;
        this.sshKeys = sshKeys;
        this.options = options;
        this.ledger = ledger;
        this.diagnostics = diagnostics;
        search = new AmbiguousCreateSearch(environment, deadline);
    }

    /// <summary>
    /// Sends the create batches concurrently, at most <see cref="CreateBatchParallelism"/> in flight. Each batch keeps
    /// the safety rules on its own names (never re-send an ambiguous create; look for its droplets, then create only
    /// what is missing). Once a create is rejected (e.g. 422 droplet limit), no further create POST starts; batches in
    /// flight finish. Results are merged sorted by host name and log lines are released in batch order, so neither
    /// depends on completion order.
    /// </summary>
    public async Task CreateMissingAsync(CloudPlan plan, CancellationToken cancellationToken)
    {
        var creates = plan.Hosts.Where(h => h.Action == PlanAction.Create).ToList();
        if (creates.Count == 0)
        {
            return;
        }

        var batches = Batches(creates);
        var keyIds = new Dictionary<int, IReadOnlyList<long>>();
        foreach (var batch in batches)
        {
            keyIds[batch.Index] = await sshKeys.ResolveAsync(batch.Options.SshKeys, cancellationToken).ConfigureAwait(false);
        }

        var logs = new OrderedDiagnostics(diagnostics, batches.Count);
        try
        {
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = CreateBatchParallelism, CancellationToken = cancellationToken },
                async (batch, ct) =>
                {
                    try
                    {
                        await RunBatchAsync(batch, keyIds[batch.Index], logs.For(batch.Index), ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        logs.Complete(batch.Index);
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            // Also after an interrupt: every batch task has ended here, and what was created is known.
            logs.ReleaseAll();
            Merge(batches);
        }

        if (batches.Select(b => b.Failure).FirstOrDefault(f => f is not null) is { } failure)
        {
            var message = failure.ListsNotCreated ? $"{failure.Message}; not created: {ledger.NotCreatedNames()}" : failure.Message;
            throw new CloudProviderException(message, ledger.Known(), failure.Inner);
        }
    }

    /// <summary>Groups by region/size/image and options (ordinal), sorts each group by name and chunks it by the names one create may carry.</summary>
    private List<CreateBatch> Batches(List<PlannedHost> creates)
    {
        var batches = new List<CreateBatch>();
        var groups = creates
            .GroupBy(h => (specs[h.Spec.Name].Region, specs[h.Spec.Name].Size, specs[h.Spec.Name].Image, specs[h.Spec.Name].Options))
            .OrderBy(g => $"{g.Key.Region}/{g.Key.Size}/{g.Key.Image}/{g.Key.Options.BatchKey}", StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var sorted = group.OrderBy(h => h.ResourceName, StringComparer.Ordinal).ToList();
            foreach (var chunk in sorted.Chunk(options.MaxNamesPerCreate))
            {
                batches.Add(new CreateBatch(batches.Count, chunk, group.Key.Region, group.Key.Size, group.Key.Image) { Options = group.Key.Options });
            }
        }

        return batches;
    }

    private async Task RunBatchAsync(CreateBatch batch, IReadOnlyList<long> keyIds, IDiagnostics log, CancellationToken cancellationToken)
    {
        try
        {
            await CreateBatchAsync(batch, keyIds, api.WithDiagnostics(log), log, cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex)
        {
            // A re-list after an ambiguous create failed for good.
            Fail(batch, new CreateBatchFailure(ex.Message, false, ex));
        }
        catch (CloudProviderException ex)
        {
            // Two droplets with one name turned up after an ambiguous create.
            Fail(batch, new CreateBatchFailure(ex.Message, false, ex.InnerException));
        }
    }

    private async Task CreateBatchAsync(
        CreateBatch batch,
        IReadOnlyList<long> keyIds,
        DigitalOceanApiClient batchApi,
        IDiagnostics log,
        CancellationToken cancellationToken)
    {
        var remaining = batch.Hosts.ToList();
        if (Volatile.Read(ref createsStopped) != 0)
        {
            VerboseLog.Write(log, $"digitalocean: not creating {string.Join(", ", remaining.Select(h => h.ResourceName))}: another create was rejected");
            return;
        }

        var request = new CreateDropletsRequest
        {
            Names = [.. remaining.Select(h => h.ResourceName)],
            Region = batch.Region,
            Size = batch.Size,
            Image = batch.Image,
            SshKeys = keyIds,
            Tags = [.. ResourceNamer.MarkerTags(environment).Concat(batch.Options.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Monitoring = batch.Options.Monitoring ? true : null,
            Backups = batch.Options.Backups ? true : null,
            Ipv6 = batch.Options.Ipv6 ? true : null,
            UserData = batch.Options.UserData,
            VpcUuid = batch.Options.VpcId,
        };
        VerboseLog.Write(log, $"digitalocean: creating {string.Join(", ", request.Names)} ({batch.Region}, {batch.Size}, {batch.Image})");
        try
        {
            var created = await batchApi.CreateDropletsAsync(request, cancellationToken).ConfigureAwait(false);
            remaining = Adopt(batch, remaining, created);
            if (remaining.Count == 0)
            {
                return;
            }

            VerboseLog.Write(log, $"digitalocean: the create response lacks {string.Join(", ", remaining.Select(h => h.ResourceName))}; looking for them");
        }
        catch (DigitalOceanApiException ex) when (ex.IsAmbiguous)
        {
            VerboseLog.Write(log, $"digitalocean: create outcome unknown ({ex.Message}); looking for the droplets, never creating them again");
        }
        catch (DigitalOceanApiException ex)
        {
            Fail(batch, new CreateBatchFailure(ex.Message, true, ex));
            return;
        }

        // A create whose outcome is unknown is never re-sent in this run (a lagging list would make a duplicate):
        // look for its droplets by tag and name until create_timeout, adopt what shows up, fail the rest.
        remaining = Adopt(batch, remaining, await search.FindAsync(batchApi, remaining, cancellationToken).ConfigureAwait(false));
        if (remaining.Count == 0)
        {
            return;
        }

        var unknown = string.Join(", ", remaining.Select(h => h.ResourceName));
        Fail(batch, new CreateBatchFailure(
            $"digitalocean provider: {unknown}: create outcome unknown; re-run to adopt or create it",
            false,
            null));
    }

    /// <summary>Records the failure and stops every create POST that has not started yet.</summary>
    private void Fail(CreateBatch batch, CreateBatchFailure failure)
    {
        batch.Failure = failure;
        Interlocked.Exchange(ref createsStopped, 1);
    }

    /// <summary>Records each droplet that belongs to a host of <paramref name="hosts"/> in the batch; returns the hosts still without one.</summary>
    private static List<PlannedHost> Adopt(CreateBatch batch, List<PlannedHost> hosts, IReadOnlyList<DropletDto> droplets)
    {
        var left = new List<PlannedHost>();
        foreach (var host in hosts)
        {
            var matches = droplets.Where(d => string.Equals(d.Name, host.ResourceName, StringComparison.OrdinalIgnoreCase)).DistinctBy(d => d.Id).ToList();
            if (matches.Count > 1)
            {
                throw new CloudProviderException(DigitalOceanProvider.DuplicateMessage(host.ResourceName, matches));
            }

            if (matches.Count == 0)
            {
                left.Add(host);
                continue;
            }

            batch.Found[host.Spec.Name] = matches[0];
        }

        return left;
    }

    /// <summary>Records what every batch found in the ledger, sorted by host name.</summary>
    private void Merge(IEnumerable<CreateBatch> batches)
    {
        foreach (var (hostName, droplet) in batches.SelectMany(b => b.Found).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            ledger.RecordCreated(hostName, droplet);
        }
    }
}
