namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class NetworkV4Dto
{
    public string? IpAddress { get; init; }

    public string? Type { get; init; }
}
