namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class SshKeyDto
{
    public long Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? Fingerprint { get; init; }
}
