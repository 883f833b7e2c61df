namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class VpcDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Region { get; init; }

    public bool Default { get; init; }
}

internal sealed class VpcListResponse
{
    public IReadOnlyList<VpcDto>? Vpcs { get; init; }

    public LinksDto? Links { get; init; }
}
