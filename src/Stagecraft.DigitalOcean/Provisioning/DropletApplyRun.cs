using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Waiting;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// One apply: reconcile (tags, power on), create what is missing in batches without ever re-sending an ambiguous
/// create, then wait until every touched droplet is active with a public IPv4. Keeps what is known for error reports.
/// </summary>
internal sealed class DropletApplyRun
{
    /// <summary>Create POSTs in flight at once: N=50 takes 2 round trips instead of 5, far inside the burst limit.</summary>
    internal const int CreateBatchParallelism = 4;

    private readonly CloudPlan plan;
    private readonly IReadOnlyDictionary<string, DropletSpec> specs;
    private readonly DigitalOceanApiClient api;
    private readonly SshKeyResolver sshKeys;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly DigitalOceanApiOptions options;
    private readonly TimeSpan createTimeout;
    private readonly Poller poller;
    private readonly string environmentTag;
    private readonly SortedDictionary<string, ProvisionedHost> known = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, string> pending = [];
    private readonly SortedSet<string> notCreated = new(StringComparer.Ordinal);
    private int createsStopped;
    private long startedAt;

    public DropletApplyRun(
        CloudPlan plan,
        IReadOnlyDictionary<string, DropletSpec> specs,
        DigitalOceanApiClient api,
        SshKeyResolver sshKeys,
        TimeProvider time,
        IDiagnostics diagnostics,
        DigitalOceanApiOptions options,
        TimeSpan createTimeout)
    {
        this.plan = plan;
        this.specs = specs;
        this.api = api;
        this.sshKeys = sshKeys;
        this.time = time;
        this.diagnostics = diagnostics;
        this.options = options;
        this.createTimeout = createTimeout;
        poller = new Poller(time);
        environmentTag = ResourceNamer.EnvironmentTag(plan.Environment);
    }

    public async Task<CloudApplyResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        // One deadline for the whole apply (power-ons, creates, the ambiguous-create search and the wait for active):
        // every wait polls within what is left of create_timeout, never a fresh create_timeout of its own.
        startedAt = time.GetTimestamp();
        try
        {
            RecordExisting();
            await ReconcileAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await CreateMissingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DigitalOceanApiException or CloudProviderException && pending.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                // Part of the creates failed (e.g. 422 droplet limit on one batch): the droplets that were created still get
                // their id and IP in the report, so the user sees what exists; then the failure stands (exit 2).
                await WaitForCreatedAfterFailureAsync(cancellationToken).ConfigureAwait(false);
                if (ex is CloudProviderException failed)
                {
                    throw new CloudProviderException(failed.Message, Known(), failed.InnerException);
                }

                throw;
            }

            await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return new CloudApplyResult(Known());
        }
        catch (DigitalOceanApiException ex)
        {
            throw new CloudProviderException(ex.Message, Known(), ex);
        }
        catch (CloudProviderException ex) when (ex.KnownHosts.Count == 0 && known.Count > 0)
        {
            throw new CloudProviderException(ex.Message, Known(), ex.InnerException);
        }
    }

    private IReadOnlyList<ProvisionedHost> Known() => [.. known.Values];

    private void RecordExisting()
    {
        foreach (var host in plan.Hosts)
        {
            switch (host.Action)
            {
                case PlanAction.Create:
                    notCreated.Add(host.Spec.Name);
                    break;
                case PlanAction.Unchanged:
                    Record(host, ProvisioningState.Unchanged, []);
                    break;
                case PlanAction.Drift:
                    // Drift is reported, never corrected (size, region, image stay); its tags and power-on still apply.
                    Record(host, ProvisioningState.Drifted, host.Changes);
                    break;
                case PlanAction.Reconcile:
                    Record(host, ProvisioningState.Reconciled, host.Changes);
                    break;
                default:
                    throw new CloudProviderException($"digitalocean provider: unknown plan action {host.Action} for {host.ResourceName}");
            }
        }
    }

    private void Record(PlannedHost host, ProvisioningState state, IReadOnlyList<PlanChange> changes)
    {
        var existing = host.Existing ?? throw new CloudProviderException($"digitalocean provider: the plan for {host.ResourceName} has no droplet");
        known[host.Spec.Name] = new ProvisionedHost(existing, state, changes);
        if (existing.PublicIp is null)
        {
            pending[ParseId(existing)] = host.Spec.Name;
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var reconcile = plan.Hosts.Where(h => h.Action is PlanAction.Reconcile or PlanAction.Drift).ToList();
        var byTag = new SortedDictionary<string, List<PlannedHost>>(StringComparer.Ordinal);
        foreach (var host in reconcile)
        {
            foreach (var tag in DropletMapper.MissingTags(plan.Environment, host.Existing!.Tags))
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
            Log($"digitalocean: tagging {string.Join(", ", hosts.Select(h => h.ResourceName))} with {tag}");
            await api.TagDropletsAsync(tag, [.. hosts.Select(h => ParseId(h.Existing!))], cancellationToken).ConfigureAwait(false);
            foreach (var host in hosts)
            {
                var current = known[host.Spec.Name];
                known[host.Spec.Name] = current with { Host = current.Host with { Tags = DropletMapper.SortedTags(current.Host.Tags.Append(tag)) } };
            }
        }

        // Power-ons run concurrently (bounded), so the apply waits about one create_timeout for all, not one each.
        var powerOns = reconcile.Where(h => h.Changes.OfType<PowerOn>().Any()).ToList();
        var poweredOn = new System.Collections.Concurrent.ConcurrentDictionary<long, string>();
        await Parallel.ForEachAsync(
            powerOns,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPowerOns, CancellationToken = cancellationToken },
            async (host, ct) => poweredOn[await PowerOnAsync(host, ct).ConfigureAwait(false)] = host.Spec.Name).ConfigureAwait(false);
        foreach (var (id, name) in poweredOn.OrderBy(p => p.Value, StringComparer.Ordinal))
        {
            pending[id] = name;
        }
    }

    private const int MaxConcurrentPowerOns = 10;

    /// <summary>Powers the droplet on and waits for the action; returns its id for the readiness wait.</summary>
    private async Task<long> PowerOnAsync(PlannedHost host, CancellationToken cancellationToken)
    {
        var id = ParseId(host.Existing!);
        Log($"digitalocean: powering on {host.ResourceName} (id {DropletMapper.Id(id)})");
        ActionDto? action;
        try
        {
            action = await poller.PollAsync(
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
                WaitOptions(Remaining()),
                cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException ex)
        {
            throw new CloudProviderException($"digitalocean provider: could not power on within {DurationParser.Format(createTimeout)}: {ex.Message}");
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
            await PollAfterFirstIntervalAsync(
                async ct =>
                {
                    var current = await api.GetActionAsync(action.Id, ct).ConfigureAwait(false);
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
            throw new CloudProviderException($"digitalocean provider: timed out after {DurationParser.Format(createTimeout)}: {ex.Message}");
        }
    }

    /// <summary>
    /// Sends the create batches concurrently, at most <see cref="CreateBatchParallelism"/> in flight. Each batch keeps
    /// the safety rules on its own names (never re-send an ambiguous create; look for its droplets, then create only
    /// what is missing). Once a create is rejected (e.g. 422 droplet limit), no further create POST starts; batches in
    /// flight finish. Results are merged sorted by host name and log lines are released in batch order, so neither
    /// depends on completion order.
    /// </summary>
    private async Task CreateMissingAsync(CancellationToken cancellationToken)
    {
        var creates = plan.Hosts.Where(h => h.Action == PlanAction.Create).ToList();
        if (creates.Count == 0)
        {
            return;
        }

        var keyIds = await sshKeys.ResolveAsync(cancellationToken).ConfigureAwait(false);
        var batches = new List<CreateBatch>();
        var groups = creates
            .GroupBy(h => (specs[h.Spec.Name].Region, specs[h.Spec.Name].Size, specs[h.Spec.Name].Image))
            .OrderBy(g => $"{g.Key.Region}/{g.Key.Size}/{g.Key.Image}", StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var sorted = group.OrderBy(h => h.ResourceName, StringComparer.Ordinal).ToList();
            foreach (var chunk in sorted.Chunk(options.MaxNamesPerCreate))
            {
                batches.Add(new CreateBatch(batches.Count, chunk, group.Key.Region, group.Key.Size, group.Key.Image));
            }
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
                        await RunBatchAsync(batch, keyIds, logs.For(batch.Index), ct).ConfigureAwait(false);
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
            var message = failure.ListsNotCreated ? $"{failure.Message}; not created: {NotCreatedNames()}" : failure.Message;
            throw new CloudProviderException(message, Known(), failure.Inner);
        }
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
            Log(log, $"digitalocean: not creating {string.Join(", ", remaining.Select(h => h.ResourceName))}: another create was rejected");
            return;
        }

        var request = new CreateDropletsRequest
        {
            Names = [.. remaining.Select(h => h.ResourceName)],
            Region = batch.Region,
            Size = batch.Size,
            Image = batch.Image,
            SshKeys = keyIds,
            Tags = ResourceNamer.MarkerTags(plan.Environment),
        };
        Log(log, $"digitalocean: creating {string.Join(", ", request.Names)} ({batch.Region}, {batch.Size}, {batch.Image})");
        try
        {
            var created = await batchApi.CreateDropletsAsync(request, cancellationToken).ConfigureAwait(false);
            remaining = Adopt(batch, remaining, created);
            if (remaining.Count == 0)
            {
                return;
            }

            Log(log, $"digitalocean: the create response lacks {string.Join(", ", remaining.Select(h => h.ResourceName))}; looking for them");
        }
        catch (DigitalOceanApiException ex) when (ex.IsAmbiguous)
        {
            Log(log, $"digitalocean: create outcome unknown ({ex.Message}); looking for the droplets, never creating them again");
        }
        catch (DigitalOceanApiException ex)
        {
            Fail(batch, new CreateBatchFailure(ex.Message, true, ex));
            return;
        }

        // A create whose outcome is unknown is never re-sent in this run (a lagging list would make a duplicate):
        // look for its droplets by tag and name until create_timeout, adopt what shows up, fail the rest.
        remaining = Adopt(batch, remaining, await FindAfterAmbiguousCreateAsync(batchApi, remaining, cancellationToken).ConfigureAwait(false));
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

    /// <summary>Merges what every batch found into the run, sorted by host name.</summary>
    private void Merge(IEnumerable<CreateBatch> batches)
    {
        foreach (var (hostName, droplet) in batches.SelectMany(b => b.Found).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var resourceName = ResourceNamer.ResourceName(plan.Environment, hostName);
            known[hostName] = new ProvisionedHost(DropletMapper.ToHost(specs[hostName], resourceName, droplet), ProvisioningState.Created, []);
            pending[droplet.Id] = hostName;
            notCreated.Remove(hostName);
        }
    }

    /// <summary>
    /// After an ambiguous create, lists by the environment tag (every create carries it; lists lag) until all names of
    /// this batch show up or the window closes. Returns what was found.
    /// </summary>
    private async Task<IReadOnlyList<DropletDto>> FindAfterAmbiguousCreateAsync(DigitalOceanApiClient batchApi, List<PlannedHost> hosts, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(hosts.Select(h => h.ResourceName), StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<DropletDto> found = [];
        try
        {
            await poller.PollAsync(
                async ct =>
                {
                    IReadOnlyList<DropletDto> listed;
                    try
                    {
                        listed = await batchApi.ListDropletsByTagAsync(environmentTag, ct).ConfigureAwait(false);
                    }
                    catch (DigitalOceanApiException ex) when (ex.StatusCode is not (401 or 403))
                    {
                        // A failed look-up is no answer: keep looking until create_timeout.
                        return PollOutcome.Pending<bool>($"listing failed: {ex.Message}");
                    }

                    found = [.. listed.Where(d => names.Contains(d.Name))];
                    var seen = found.Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    return seen.Count == names.Count
                        ? PollOutcome.Done(true)
                        : PollOutcome.Pending<bool>($"not listed yet: {string.Join(", ", names.Where(n => !seen.Contains(n)).Order(StringComparer.Ordinal))}");
                },
                WaitOptions(Remaining()),
                cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException)
        {
            // create_timeout passed: whatever was found is adopted, the rest fails (never created again).
        }

        return found;
    }

    /// <summary>Best effort after a failed create: wait for what was created; a failure here leaves those hosts without an IP.</summary>
    private async Task WaitForCreatedAfterFailureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DigitalOceanApiException or CloudProviderException)
        {
            Log($"digitalocean: waiting for the droplets created before the failure failed too: {ex.Message}");
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await PollAfterFirstIntervalAsync(CheckPendingAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException ex)
        {
            throw new CloudProviderException(
                $"digitalocean provider: timed out after {DurationParser.Format(createTimeout)} waiting for droplets to become active with a public IPv4: {ex.Message}",
                Known());
        }
    }

    /// <summary>One list by the environment tag for all pending droplets; ids missing from the lagging list are read by id.</summary>
    private async Task<PollOutcome<bool>> CheckPendingAsync(CancellationToken cancellationToken)
    {
        var listed = await api.ListDropletsByTagAsync(environmentTag, cancellationToken).ConfigureAwait(false);
        var byId = listed.DistinctBy(d => d.Id).ToDictionary(d => d.Id);
        var waiting = new List<string>();
        foreach (var (id, hostName) in pending.ToList())
        {
            var resourceName = ResourceNamer.ResourceName(plan.Environment, hostName);
            var droplet = byId.GetValueOrDefault(id) ?? await api.GetDropletAsync(id, cancellationToken).ConfigureAwait(false);
            if (droplet is null)
            {
                waiting.Add($"{resourceName} (id {DropletMapper.Id(id)}, not visible yet)");
                continue;
            }

            var current = known[hostName];
            known[hostName] = current with { Host = DropletMapper.ToHost(specs[hostName], resourceName, droplet) };
            if (DropletMapper.IsReady(droplet))
            {
                pending.Remove(id);
                continue;
            }

            var ip = DropletMapper.PublicIpv4(droplet) is null ? ", no public IPv4" : string.Empty;
            waiting.Add($"{resourceName} (id {DropletMapper.Id(id)}, status {droplet.Status}{ip})");
        }

        return pending.Count == 0 ? PollOutcome.Done(true) : PollOutcome.Pending<bool>(string.Join(", ", waiting));
    }

    /// <summary>Waits one interval first (nothing is ready right after a create or an action), then polls within <c>create_timeout</c>.</summary>
    private async Task PollAfterFirstIntervalAsync(Func<CancellationToken, Task<PollOutcome<bool>>> attempt, CancellationToken cancellationToken)
    {
        var first = options.WaitInitialInterval < Remaining() ? options.WaitInitialInterval : TimeSpan.Zero;
        if (first > TimeSpan.Zero)
        {
            await Task.Delay(first, time, cancellationToken).ConfigureAwait(false);
        }

        await poller.PollAsync(attempt, WaitOptions(Remaining()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What is left of the apply's single <c>create_timeout</c> (zero once it passed: one last look, then timeout).</summary>
    private TimeSpan Remaining()
    {
        var left = createTimeout - time.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private PollOptions WaitOptions(TimeSpan timeout) =>
        new(timeout, options.WaitInitialInterval, options.WaitMaxInterval);

    private string NotCreatedNames() =>
        string.Join(", ", notCreated.Select(n => ResourceNamer.ResourceName(plan.Environment, n)));

    private static long ParseId(Host host) =>
        long.TryParse(host.Id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new CloudProviderException($"digitalocean provider: droplet id '{host.Id}' of {host.ResourceName} is not a number");

    private void Log(string message) => Log(diagnostics, message);

    private static void Log(IDiagnostics sink, string message)
    {
        if (sink.IsEnabled)
        {
            sink.Verbose(message);
        }
    }
}
