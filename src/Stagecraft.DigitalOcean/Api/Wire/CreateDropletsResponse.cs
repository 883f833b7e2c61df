namespace Stagecraft.DigitalOcean.Api.Wire;

/// <summary>The 202 of <c>POST /v2/droplets</c>: <c>droplet</c> for the single form, <c>droplets</c> for <c>names</c>.</summary>
internal sealed class CreateDropletsResponse
{
    public DropletDto? Droplet { get; init; }

    public IReadOnlyList<DropletDto>? Droplets { get; init; }
}
