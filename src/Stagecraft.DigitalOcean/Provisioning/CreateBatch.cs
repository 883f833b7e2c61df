using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// One <c>POST /v2/droplets</c> worth of hosts (at most <c>MaxNamesPerCreate</c> names, 10 by default, sharing
/// region, size and image) and what became of them. Only the task that runs the batch writes to it; the run merges
/// every batch afterwards, sorted by host name.
/// </summary>
internal sealed class CreateBatch
{
    public CreateBatch(int index, IReadOnlyList<PlannedHost> hosts, string region, string size, string image)
    {
        Index = index;
        Hosts = hosts;
        Region = region;
        Size = size;
        Image = image;
    }

    /// <summary>Position in the deterministic batch order (groups by region/size/image, then names).</summary>
    public int Index { get; }

    public IReadOnlyList<PlannedHost> Hosts { get; }

    public string Region { get; }

    public string Size { get; }

    public string Image { get; }

    /// <summary>Tags, features and user data every droplet of the batch is created with.</summary>
    public DropletOptions Options { get; init; } = DropletOptions.None;

    /// <summary>The droplet of each host that got one (created, or adopted after an ambiguous create), by host name.</summary>
    public SortedDictionary<string, DropletDto> Found { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the batch stopped short; null when it did not fail.</summary>
    public CreateBatchFailure? Failure { get; set; }
}
