namespace Stagecraft.DoEmulator;

/// <summary>Snapshot of one droplet. The IPs are null while the droplet is <c>new</c>, as in the API's networks.</summary>
public sealed record EmulatorDroplet(
    long Id,
    string Name,
    string Status,
    string Region,
    string Size,
    string Image,
    IReadOnlyList<string> Tags,
    string? PublicIp,
    string? PrivateIp)
{
    public bool Monitoring { get; init; }

    public bool Backups { get; init; }

    public bool Ipv6 { get; init; }

    /// <summary>The user_data the create sent, verbatim; null when none (never in an API response).</summary>
    public string? UserData { get; init; }

    /// <summary>The VPC it is in (its region's default unless the create named one).</summary>
    public string VpcUuid { get; init; } = string.Empty;

    /// <summary>The public key lines of the account keys it was created with (empty for a seeded droplet).</summary>
    public IReadOnlyList<string> SshPublicKeys { get; init; } = [];
}
