using Stagecraft.Core.Configuration;

namespace Stagecraft.DigitalOcean.Configuration;

/// <summary>
/// One declared host with everything DigitalOcean needs to create it (size, region, image already resolved), and the
/// full key paths its size, region and image came from (the host's own key or the section default), so a preflight
/// finding blames the key that set the value.
/// </summary>
internal sealed record DropletSpec(string Name, string Role, string Size, string Region, string Image, ConfigMark Mark)
{
    public string SizeKey { get; init; } = "size";

    public string RegionKey { get; init; } = "region";

    public string ImageKey { get; init; } = "image";

    /// <summary>Tags, features and user data (see <see cref="DropletOptions"/>).</summary>
    public DropletOptions Options { get; init; } = DropletOptions.None;
}
