namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class ImageDto
{
    public long? Id { get; init; }

    public string? Slug { get; init; }

    /// <summary>The smallest disk (GB) a droplet from this image needs; null when the API does not say.</summary>
    public int? MinDiskSize { get; init; }

    /// <summary><c>NEW</c>, <c>available</c>, <c>pending</c>, <c>deleted</c> or <c>retired</c> (custom images); may be absent.</summary>
    public string? Status { get; init; }
}
