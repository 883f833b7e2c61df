namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class NetworksDto
{
    public IReadOnlyList<NetworkV4Dto>? V4 { get; init; }
}
