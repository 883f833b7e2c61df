namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class SshKeyDto
{
    public long Id { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>The MD5 fingerprint of the public key, as colon-separated hex.</summary>
    public string? Fingerprint { get; init; }
}
