namespace Stagecraft.DigitalOcean.Api.Wire;

/// <summary>A tagged resource; <c>resource_id</c> is a string even for droplets.</summary>
internal sealed class TagResourceDto
{
    public required string ResourceId { get; init; }

    public required string ResourceType { get; init; }
}
