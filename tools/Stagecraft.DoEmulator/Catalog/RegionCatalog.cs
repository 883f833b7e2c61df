namespace Stagecraft.DoEmulator.Catalog;

/// <summary>Region slugs (the ones the spec's Image.regions enum allows) and their display names.</summary>
internal static class RegionCatalog
{
    public const string DefaultSlug = "nyc3";

    private static readonly (string Slug, string Name)[] Known =
    [
        ("ams2", "Amsterdam 2"), ("ams3", "Amsterdam 3"), ("blr1", "Bangalore 1"), ("fra1", "Frankfurt 1"),
        ("lon1", "London 1"), ("nyc1", "New York 1"), ("nyc2", "New York 2"), ("nyc3", "New York 3"),
        ("sfo1", "San Francisco 1"), ("sfo2", "San Francisco 2"), ("sfo3", "San Francisco 3"),
        ("sgp1", "Singapore 1"), ("syd1", "Sydney 1"), ("tor1", "Toronto 1"),
    ];

    public static IReadOnlyList<string> Slugs { get; } = [.. Known.Select(r => r.Slug)];

    public static IReadOnlyList<string> Features { get; } =
        ["private_networking", "backups", "ipv6", "metadata", "install_agent", "storage", "image_transfer"];

    /// <summary>Exact slug, or a bare prefix such as <c>nyc</c> (resolved to its newest datacenter), or null when unknown.</summary>
    public static string? Resolve(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return DefaultSlug;
        }

        foreach (var (slug, _) in Known)
        {
            if (string.Equals(slug, requested, StringComparison.Ordinal))
            {
                return slug;
            }
        }

        return Known.LastOrDefault(r => r.Slug.StartsWith(requested, StringComparison.Ordinal)
            && r.Slug.Length == requested.Length + 1).Slug;
    }

    public static string NameOf(string slug)
    {
        foreach (var (known, name) in Known)
        {
            if (string.Equals(known, slug, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return slug;
    }
}
