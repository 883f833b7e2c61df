using Stagecraft.Core.Hosts;

namespace Stagecraft.DigitalOcean.Configuration;

/// <summary>
/// What a droplet is created with besides size, region and image, resolved host → environment → section:
/// extra <see cref="Tags"/> (beside the marker tags, sorted), the <c>monitoring</c>, <c>backups</c> and <c>ipv6</c>
/// features, and the cloud-init <see cref="UserData"/> read from <see cref="UserDataPath"/> (sent verbatim).
/// </summary>
internal sealed record DropletOptions
{
    public static DropletOptions None { get; } = new();

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Monitoring { get; init; }

    public bool Backups { get; init; }

    public bool Ipv6 { get; init; }

    /// <summary>The file as resolved against the config's directory; null when no user_data is set.</summary>
    public string? UserDataPath { get; init; }

    /// <summary>The file's text; null when no user_data is set.</summary>
    public string? UserData { get; init; }

    /// <summary>The user_data file as Core's shared host options carry it; null when none is set.</summary>
    public UserDataFile? UserDataFile => UserDataPath is { } path && UserData is { } text ? new UserDataFile(path, text) : null;

    /// <summary>The VPC's name or UUID as written; null: the region's default VPC.</summary>
    public string? Vpc { get; init; }

    /// <summary>More account SSH keys (names) the droplet is created with besides <c>ssh_key_name</c>; nearest level wins.</summary>
    public IReadOnlyList<string> SshKeys { get; init; } = [];

    /// <summary>The full key path <see cref="SshKeys"/> came from.</summary>
    public string SshKeysKey { get; init; } = "ssh_keys";

    /// <summary>The project the droplet is assigned to after it is created (and moved to when found elsewhere); null: the account's default project.</summary>
    public string? Project { get; init; }

    /// <summary>The full key path <see cref="Project"/> came from.</summary>
    public string ProjectKey { get; init; } = "project";

    /// <summary>The VPC's id as resolved against the account just before the create; null until then (or without a VPC).</summary>
    public string? VpcId { get; init; }

    /// <summary>The full key path <see cref="Vpc"/> came from (host, environment or section), for findings.</summary>
    public string VpcKey { get; init; } = "vpc";

    /// <summary>The features the API reads back in <c>features[]</c>, sorted: backups, ipv6, monitoring (when on).</summary>
    public IReadOnlyList<string> Features =>
        [.. new[] { (Backups, "backups"), (Ipv6, "ipv6"), (Monitoring, "monitoring") }.Where(f => f.Item1).Select(f => f.Item2)];

    /// <summary>A value equal for droplets that may share one create request (tags and features and user data alike).</summary>
    public string BatchKey => $"{string.Join(",", Tags)}|{string.Join(",", Features)}|{UserDataPath}|{Vpc}|{string.Join(",", SshKeys)}";

    public bool Equals(DropletOptions? other) =>
        other is not null && Monitoring == other.Monitoring && Backups == other.Backups && Ipv6 == other.Ipv6 &&
        string.Equals(UserDataPath, other.UserDataPath, StringComparison.Ordinal) && string.Equals(UserData, other.UserData, StringComparison.Ordinal) &&
        string.Equals(Vpc, other.Vpc, StringComparison.Ordinal) && SshKeys.SequenceEqual(other.SshKeys, StringComparer.Ordinal) &&
        Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Monitoring, Backups, Ipv6, UserDataPath, Tags.Count);
}
