namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class RegionDto
{
    public string? Slug { get; init; }
}
