namespace Stagecraft.DoEmulator.Model;

/// <summary>Mutable server-side droplet state; only touched under the <see cref="CloudState"/> lock.</summary>
internal sealed class DropletRecord
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string Status { get; set; } = DropletStatus.New;

    public string Region { get; set; } = "";

    public string Size { get; set; } = "";

    /// <summary>Image slug, or null when the image was given by id.</summary>
    public string? ImageSlug { get; set; }

    public long ImageId { get; set; }

    public List<string> Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Absent from list results before this instant (list lag).</summary>
    public DateTimeOffset ListedFrom { get; set; }

    public string? PublicIpv4 { get; set; }

    public string PrivateIpv4 { get; set; } = "";

    public string? PublicIpv6 { get; set; }

    public bool Monitoring { get; set; }

    public bool Backups { get; set; }

    /// <summary>What the create sent as user_data (the API never returns it; tests read it from the snapshot).</summary>
    public string? UserData { get; set; }

    public string VpcUuid { get; set; } = "";

    public List<string> VolumeIds { get; set; } = [];

    /// <summary>The public key lines of the account keys the create named (what the real API installs for root).</summary>
    public List<string> SshPublicKeys { get; set; } = [];

    /// <summary>True once <c>DropletBecameActive</c> was raised (at most once per droplet).</summary>
    public bool ActivationAnnounced { get; set; }

    /// <summary>When a deleted droplet stops being visible (see <c>EmulatorOptions.DeleteLag</c>); null while not deleted.</summary>
    public DateTimeOffset? GoneAt { get; set; }

    /// <summary>Networks appear once the droplet has left <c>new</c>.</summary>
    public bool HasNetworks => Status != DropletStatus.New;

    /// <summary>A detached copy, safe to read after the lock is released.</summary>
    public DropletRecord Copy()
    {
        var copy = (DropletRecord)MemberwiseClone();
        copy.Tags = [.. Tags];
        copy.VolumeIds = [.. VolumeIds];
        copy.SshPublicKeys = [.. SshPublicKeys];
        return copy;
    }

    public EmulatorDroplet ToSnapshot() => new(
        Id,
        Name,
        Status,
        Region,
        Size,
        ImageSlug ?? ImageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [.. Tags],
        HasNetworks ? PublicIpv4 : null,
        HasNetworks ? PrivateIpv4 : null)
    {
        Monitoring = Monitoring,
        Backups = Backups,
        Ipv6 = PublicIpv6 is not null,
        UserData = UserData,
        VpcUuid = VpcUuid,
        SshPublicKeys = [.. SshPublicKeys],
    };
}
