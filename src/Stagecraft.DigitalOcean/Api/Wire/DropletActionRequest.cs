namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class DropletActionRequest
{
    public required string Type { get; init; }
}
