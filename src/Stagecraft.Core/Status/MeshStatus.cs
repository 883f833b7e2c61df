using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Status;

/// <summary>The mesh state the network provider read, and the tags the host should carry (default_tags ∪ role_tags[role], sorted).</summary>
public sealed record MeshStatus(MeshState State, IReadOnlyList<string> ExpectedTags)
{
    /// <summary>The node's tags equal the expected ones (as sets).</summary>
    public bool TagsMatch => State.Tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).SequenceEqual(ExpectedTags, StringComparer.Ordinal);

    public bool Ok => State.Problems.Count == 0 && TagsMatch;
}
