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
}
