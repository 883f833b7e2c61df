namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class SshKeyListResponse
{
    public IReadOnlyList<SshKeyDto>? SshKeys { get; init; }

    public LinksDto? Links { get; init; }
}
