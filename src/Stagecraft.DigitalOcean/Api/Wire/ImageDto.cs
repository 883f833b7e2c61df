namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class ImageDto
{
    public long? Id { get; init; }

    public string? Slug { get; init; }
}
