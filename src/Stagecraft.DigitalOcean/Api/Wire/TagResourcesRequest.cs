namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class TagResourcesRequest
{
    public required IReadOnlyList<TagResourceDto> Resources { get; init; }
}
