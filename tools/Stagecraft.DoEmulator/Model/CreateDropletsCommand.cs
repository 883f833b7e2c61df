namespace Stagecraft.DoEmulator.Model;

/// <summary>A syntactically valid <c>POST /v2/droplets</c> body; <see cref="CloudState"/> checks what it refers to.</summary>
internal sealed record CreateDropletsCommand(
    IReadOnlyList<string> Names,
    bool MultiForm,
    string Size,
    string? ImageSlug,
    long? ImageId,
    string? Region,
    IReadOnlyList<string> SshKeys,
    IReadOnlyList<string> Tags,
    bool Ipv6,
    bool Monitoring,
    bool Backups,
    bool PublicNetworking,
    string? VpcUuid,
    IReadOnlyList<string> Volumes)
{
    public string? UserData { get; init; }
}
