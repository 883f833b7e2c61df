namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class DropletListResponse
{
    public IReadOnlyList<DropletDto>? Droplets { get; init; }

    public LinksDto? Links { get; init; }

    public MetaDto? Meta { get; init; }
}
