namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class DropletResponse
{
    public DropletDto? Droplet { get; init; }
}
