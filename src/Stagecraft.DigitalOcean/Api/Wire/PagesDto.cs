namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class PagesDto
{
    public string? Next { get; init; }
}
