using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Waiting;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// After a create whose outcome is unknown (which is never re-sent), looks for its droplets: lists by the environment
/// tag (every create carries it; lists lag) until all names show up or the apply's deadline passes.
/// </summary>
internal sealed class AmbiguousCreateSearch
{
    private readonly string environmentTag;
    private readonly ApplyDeadline deadline;

    public AmbiguousCreateSearch(string environment, ApplyDeadline deadline)
    {
        environmentTag = ResourceNamer.EnvironmentTag(environment);
        this.deadline = deadline;
    }

    /// <summary>Returns the listed droplets named like one of <paramref name="hosts"/>, all of them or what showed up by the deadline.</summary>
    public async Task<IReadOnlyList<DropletDto>> FindAsync(DigitalOceanApiClient batchApi, IReadOnlyList<PlannedHost> hosts, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(hosts.Select(h => h.ResourceName), StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<DropletDto> found = [];
        try
        {
            await deadline.PollAsync(
                async ct =>
                {
                    IReadOnlyList<DropletDto> listed;
                    try
                    {
                        listed = await batchApi.ForPolling().ListDropletsByTagAsync(environmentTag, ct).ConfigureAwait(false);
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
                cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException)
        {
            // create_timeout passed: whatever was found is adopted, the rest fails (never created again).
        }

        return found;
    }
}
