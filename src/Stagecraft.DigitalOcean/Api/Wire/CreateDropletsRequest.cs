namespace Stagecraft.DigitalOcean.Api.Wire;

/// <summary>The multi form of <c>POST /v2/droplets</c> (up to 10 names).</summary>
internal sealed class CreateDropletsRequest
{
    public required IReadOnlyList<string> Names { get; init; }

    public required string Region { get; init; }

    public required string Size { get; init; }

    public required string Image { get; init; }

    public required IReadOnlyList<long> SshKeys { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Sent only when on (null is left out), so a request without options is what it always was.</summary>
    public bool? Monitoring { get; init; }

    /// <inheritdoc cref="Monitoring"/>
    public bool? Backups { get; init; }

    /// <inheritdoc cref="Monitoring"/>
    public bool? Ipv6 { get; init; }

    /// <summary>The cloud-init file's text, verbatim; left out when none.</summary>
    public string? UserData { get; init; }

    public string? VpcUuid { get; init; }
}
