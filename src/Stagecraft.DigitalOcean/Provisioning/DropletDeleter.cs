using System.Collections.Concurrent;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Waiting;
using Stagecraft.DigitalOcean.Api;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// <c>infra down</c>'s deletion: one <c>DELETE /v2/droplets/{id}</c> per target (never delete-by-tag, which would take
/// droplets outside the config; a 404 counts as gone), a few at once, then one wait within <c>delete_timeout</c> until
/// each deleted droplet answers 404. A droplet whose DELETE fails after retries, or that is still there at the
/// deadline, is that target's failure. A refused token (401/403) fails the whole deletion.
/// </summary>
internal sealed class DropletDeleter
{
    internal const int MaxConcurrentDeletes = 8;

    private readonly DigitalOceanApiClient api;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly DigitalOceanApiOptions options;
    private readonly TimeSpan deleteTimeout;

    public DropletDeleter(DigitalOceanApiClient api, TimeProvider time, IDiagnostics diagnostics, DigitalOceanApiOptions options, TimeSpan deleteTimeout)
    {
        this.api = api;
        this.time = time;
        this.diagnostics = diagnostics;
        this.options = options;
        this.deleteTimeout = deleteTimeout;
    }

    public async Task<IReadOnlyList<CloudDeleteResult>> DeleteAsync(CloudDeleteRequest request, CancellationToken cancellationToken)
    {
        var targets = request.Targets.OrderBy(t => t.ResourceName, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var ids = targets.Select(DropletMapper.ParseId).ToList();
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var logs = new OrderedDiagnostics(diagnostics, targets.Count);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, targets.Count),
                new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentDeletes, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    try
                    {
                        var target = targets[i];
                        var sink = logs.For(i);
                        VerboseLog.Write(sink, $"digitalocean: deleting {target.ResourceName} (id {target.Id})");
                        if (!await api.WithDiagnostics(sink).DeleteDropletAsync(ids[i], ct).ConfigureAwait(false))
                        {
                            VerboseLog.Write(sink, $"digitalocean: {target.ResourceName} (id {target.Id}) was already gone");
                        }
                    }
                    catch (DigitalOceanApiException ex) when (ex.StatusCode is 401 or 403)
                    {
                        throw new CloudProviderException(ex.Message, ex);
                    }
                    catch (DigitalOceanApiException ex) when (!ct.IsCancellationRequested)
                    {
                        failures[targets[i].Id] = $"delete failed: {Reason(ex.Message)}";
                    }
                    finally
                    {
                        logs.Complete(i);
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            logs.ReleaseAll();
        }

        var pending = targets.Select((t, i) => (Target: t, Id: ids[i])).Where(p => !failures.ContainsKey(p.Target.Id)).ToList();
        var stillThere = await WaitUntilGoneAsync(pending, cancellationToken).ConfigureAwait(false);
        return [.. targets.Select(t =>
            failures.TryGetValue(t.Id, out var failure) ? CloudDeleteResult.Failed(t.Id, failure)
            : stillThere.Contains(t.Id) ? CloudDeleteResult.Failed(t.Id, $"still exists {DurationParser.Format(deleteTimeout)} after its deletion (delete_timeout); run stagecraft infra down again")
            : CloudDeleteResult.Gone(t.Id))];
    }

    /// <summary>Polls each deleted droplet until it answers 404, within one <c>delete_timeout</c>; returns the ids still there at the deadline.</summary>
    private async Task<HashSet<string>> WaitUntilGoneAsync(List<(Host Target, long Id)> deleted, CancellationToken cancellationToken)
    {
        var remaining = deleted.ToDictionary(d => d.Target.Id, StringComparer.Ordinal);
        if (remaining.Count == 0)
        {
            return [];
        }

        try
        {
            await new Poller(time).PollAsync(
                async ct =>
                {
                    foreach (var (key, (target, id)) in remaining.OrderBy(r => r.Value.Target.ResourceName, StringComparer.Ordinal).ToList())
                    {
                        try
                        {
                            if (await api.ForPolling().GetDropletAsync(id, ct).ConfigureAwait(false) is null)
                            {
                                remaining.Remove(key);
                            }
                        }
                        catch (DigitalOceanApiException ex) when (ex.StatusCode is 401 or 403)
                        {
                            throw new CloudProviderException(ex.Message, ex);
                        }
                    }

                    return remaining.Count == 0
                        ? PollOutcome.Done(true)
                        : PollOutcome.Pending<bool>($"still there: {string.Join(", ", remaining.Values.Select(r => r.Target.ResourceName).Order(StringComparer.Ordinal))}");
                },
                new PollOptions(deleteTimeout, options.WaitInitialInterval, options.WaitMaxInterval),
                cancellationToken).ConfigureAwait(false);
            return [];
        }
        catch (PollTimeoutException)
        {
            return [.. remaining.Keys];
        }
    }

    private static string Reason(string message)
    {
        const string Prefix = "digitalocean provider: ";
        return message.StartsWith(Prefix, StringComparison.Ordinal) ? message[Prefix.Length..] : message;
    }
}
