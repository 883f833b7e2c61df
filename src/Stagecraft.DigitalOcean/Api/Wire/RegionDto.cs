namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class RegionDto
{
    public string? Slug { get; init; }

    /// <summary>Whether new droplets can be created there (absent in a droplet's embedded region: null).</summary>
    public bool? Available { get; init; }

    /// <summary>The size slugs offered there.</summary>
    public IReadOnlyList<string>? Sizes { get; init; }
}
