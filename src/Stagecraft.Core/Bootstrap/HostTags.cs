using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Bootstrap;

/// <summary>A host's mesh tags: default_tags ∪ role_tags[role], distinct, sorted ordinally.</summary>
public static class HostTags
{
    public static IReadOnlyList<string> For(string role, INetworkProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var roleTags = settings.RoleTags.TryGetValue(role, out var tags) ? tags : [];
        return [.. settings.DefaultTags.Concat(roleTags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
