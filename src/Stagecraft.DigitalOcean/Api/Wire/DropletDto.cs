namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class DropletDto
{
    public long Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public string? SizeSlug { get; init; }

    public RegionDto? Region { get; init; }

    public ImageDto? Image { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>E.g. <c>backups</c>, <c>ipv6</c>, <c>monitoring</c>, <c>private_networking</c>.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    public NetworksDto? Networks { get; init; }

    public string? VpcUuid { get; init; }
}
