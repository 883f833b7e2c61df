using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Hosts;

/// <summary>
/// A host as declared for one environment: its config name, its role, and what every provider shares: the options
/// (<see cref="Shared"/>: tags, user_data, host → environment → section, <see cref="HostKeysReader"/>) and the placement
/// (<see cref="Placement"/>: size, region, image, <see cref="HostPlacementReader"/>). Provider-only details (features,
/// VPC, project …) stay in the provider's settings.
/// </summary>
public sealed record HostSpec(string Name, string Role, ConfigMark Mark)
{
    /// <summary>The shared options as resolved for this host; none when the provider reads none.</summary>
    public SharedHostOptions Shared { get; init; } = SharedHostOptions.None;

    /// <summary>Size, region and image as resolved by <see cref="HostPlacementReader"/>; null when the provider reads none.</summary>
    public HostPlacement? Placement { get; init; }

    /// <summary>Equal when name, role and place are (the shared options are derived from the same config).</summary>
    public bool Equals(HostSpec? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Role, other.Role, StringComparison.Ordinal) && Mark.Equals(other.Mark);

    public override int GetHashCode() => HashCode.Combine(Name, Role, Mark);
}
