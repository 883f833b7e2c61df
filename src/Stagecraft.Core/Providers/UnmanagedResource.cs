namespace Stagecraft.Core.Providers;

/// <summary>A resource carrying the environment tag that the config does not declare. Reported; deleted only by <c>infra down --include-unmanaged</c>.</summary>
public sealed record UnmanagedResource(string Id, string Name)
{
    /// <summary>Its public IPv4, or null when it has none or it is not known (used to leave the mesh before <c>infra down --include-unmanaged</c>).</summary>
    public string? PublicIp { get; init; }

    /// <summary>Its tags as the provider reports them, sorted; <c>infra down</c> deletes it only when both marker tags are there.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Value equality, the tags compared in order (a record alone would compare the list by reference).</summary>
    public bool Equals(UnmanagedResource? other) =>
        other is not null &&
        string.Equals(Id, other.Id, StringComparison.Ordinal) &&
        string.Equals(Name, other.Name, StringComparison.Ordinal) &&
        string.Equals(PublicIp, other.PublicIp, StringComparison.Ordinal) &&
        Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Id, Name, PublicIp);
}
