namespace Stagecraft.DoEmulator.Catalog;

/// <summary>
/// Region slugs (the ones the spec's Image.regions enum allows), their display names, and whether new droplets can be
/// created there: like the real API, the oldest datacenters (ams2, nyc2, sfo1) are listed but not <c>available</c>.
/// </summary>
internal static class RegionCatalog
{
    public const string DefaultSlug = "nyc3";

    private static readonly (string Slug, string Name, bool Available)[] Known =
    [
        ("ams2", "Amsterdam 2", false), ("ams3", "Amsterdam 3", true), ("blr1", "Bangalore 1", true), ("fra1", "Frankfurt 1", true),
        ("lon1", "London 1", true), ("nyc1", "New York 1", true), ("nyc2", "New York 2", false), ("nyc3", "New York 3", true),
        ("sfo1", "San Francisco 1", false), ("sfo2", "San Francisco 2", true), ("sfo3", "San Francisco 3", true),
        ("sgp1", "Singapore 1", true), ("syd1", "Sydney 1", true), ("tor1", "Toronto 1", true),
    ];

    public static IReadOnlyList<string> Slugs { get; } = [.. Known.Select(r => r.Slug)];

    /// <summary>The regions where new droplets can be created.</summary>
    public static IReadOnlyList<string> AvailableSlugs { get; } = [.. Known.Where(r => r.Available).Select(r => r.Slug)];

    public static IReadOnlyList<string> Features { get; } =
        ["private_networking", "backups", "ipv6", "metadata", "install_agent", "storage", "image_transfer"];

    /// <summary>Exact slug, or a bare prefix such as <c>nyc</c> (resolved to its newest datacenter), or null when unknown.</summary>
    public static string? Resolve(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return DefaultSlug;
        }

        foreach (var (slug, _, _) in Known)
        {
            if (string.Equals(slug, requested, StringComparison.Ordinal))
            {
                return slug;
            }
        }

        return Known.LastOrDefault(r => r.Available && r.Slug.StartsWith(requested, StringComparison.Ordinal)
            && r.Slug.Length == requested.Length + 1).Slug;
    }

    public static bool IsAvailable(string slug) => AvailableSlugs.Contains(slug, StringComparer.Ordinal);

    public static string NameOf(string slug)
    {
        foreach (var (known, name, _) in Known)
        {
            if (string.Equals(known, slug, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return slug;
    }
}
