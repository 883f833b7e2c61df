using System.Globalization;
using System.Text.RegularExpressions;

namespace Stagecraft.DoEmulator.Catalog;

/// <summary>
/// The sizes <c>GET /v2/sizes</c> lists and a create accepts. Most are offered in every available region; the
/// CPU-optimized and memory-optimized ones only in some, as on the real API. Seeded droplets and resizes may also name
/// any <c>s-Nvcpu-Mgb[-suffix]</c>.
/// </summary>
internal static partial class SizeCatalog
{
    private static readonly SizeSpec[] Known =
    [
        new("s-1vcpu-512mb-10gb", 512, 1, 10, 0.5, 4, "Basic"),
        new("s-1vcpu-1gb", 1024, 1, 25, 1, 6, "Basic"),
        new("s-1vcpu-2gb", 2048, 1, 50, 2, 12, "Basic"),
        new("s-2vcpu-2gb", 2048, 2, 60, 3, 18, "Basic"),
        new("s-2vcpu-4gb", 4096, 2, 80, 4, 24, "Basic"),
        new("s-4vcpu-8gb", 8192, 4, 160, 5, 48, "Basic"),
        new("s-8vcpu-16gb", 16384, 8, 320, 6, 96, "Basic"),
        new("c-2", 4096, 2, 25, 4, 42, "CPU-Optimized") { Regions = ["ams3", "fra1", "lon1", "nyc1", "nyc3", "sfo3", "sgp1", "tor1"] },
        new("m-2vcpu-16gb", 16384, 2, 50, 4, 84, "Memory-Optimized") { Regions = ["fra1", "nyc3", "sfo3"] },
    ];

    /// <summary>The listed sizes, in catalog order.</summary>
    public static IReadOnlyList<SizeSpec> Listed => Known;

    public static IReadOnlyList<string> Slugs { get; } = [.. Known.Select(s => s.Slug)];

    /// <summary>A size a create accepts: one the catalog lists.</summary>
    public static SizeSpec? FindListed(string slug) => Array.Find(Known, s => string.Equals(s.Slug, slug, StringComparison.Ordinal));

    /// <summary>A listed size or any <c>s-Nvcpu-Mgb</c> (seeds, resizes).</summary>
    public static SizeSpec? Find(string slug)
    {
        var known = Array.Find(Known, s => string.Equals(s.Slug, slug, StringComparison.Ordinal));
        if (known is not null)
        {
            return known;
        }

        var match = GenericSlug().Match(slug);
        if (!match.Success)
        {
            return null;
        }

        var vcpus = int.Parse(match.Groups["cpu"].Value, CultureInfo.InvariantCulture);
        var gb = int.Parse(match.Groups["mem"].Value, CultureInfo.InvariantCulture);
        return new SizeSpec(slug, gb * 1024, vcpus, gb * 20, gb, gb * 6, "Basic");
    }

    /// <summary>Seeded droplets may name anything; unknown sizes get a plausible stand-in.</summary>
    public static SizeSpec FindOrSynthesize(string slug) => Find(slug) ?? new SizeSpec(slug, 1024, 1, 25, 1, 6, "Basic");

    [GeneratedRegex("^s-(?<cpu>[1-9][0-9]?)vcpu-(?<mem>[1-9][0-9]{0,2})gb(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex GenericSlug();
}
