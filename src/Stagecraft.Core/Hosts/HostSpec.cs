using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Hosts;

/// <summary>
/// A host as declared for one environment: its config name, its role, and the options every provider shares
/// (<see cref="Shared"/>: tags, user_data, resolved host → environment → section by <see cref="HostKeysReader"/>).
/// Provider-specific details (size, region, features …) stay in the provider's settings.
/// </summary>
public sealed record HostSpec(string Name, string Role, ConfigMark Mark)
{
    /// <summary>The shared options as resolved for this host; none when the provider reads none.</summary>
    public SharedHostOptions Shared { get; init; } = SharedHostOptions.None;

    /// <summary>Equal when name, role and place are (the shared options are derived from the same config).</summary>
    public bool Equals(HostSpec? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Role, other.Role, StringComparison.Ordinal) && Mark.Equals(other.Mark);

    public override int GetHashCode() => HashCode.Combine(Name, Role, Mark);
}
