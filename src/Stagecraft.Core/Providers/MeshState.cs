namespace Stagecraft.Core.Providers;

/// <summary>
/// A host's mesh membership as the network provider read it on the host, read-only. <see cref="Network"/> is the
/// tailnet (its DNS suffix), <see cref="Fqdn"/> the node's name on it, <see cref="State"/> the provider's own state
/// word (Tailscale: <c>Running</c>, <c>NeedsLogin</c> …; empty when nothing could be read). <see cref="Problems"/> are
/// what the provider finds wrong (not installed, not running, another tailnet, offline …), one line each; the tags
/// are compared by Core. Empty strings and lists stand for what is not known.
/// </summary>
public sealed record MeshState(string State, string Network, string HostName, string Fqdn, IReadOnlyList<string> Tags, bool Online)
{
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Nothing could be read (the reason is the one problem).</summary>
    public static MeshState Unreadable(string problem) => new(string.Empty, string.Empty, string.Empty, string.Empty, [], false) { Problems = [problem] };
}
