using System.Globalization;
using System.Text.RegularExpressions;

namespace Stagecraft.DoEmulator.Catalog;

/// <summary>Size slugs the emulator accepts: a fixed list plus any <c>s-Nvcpu-Mgb[-suffix]</c>.</summary>
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
    ];

    public static IReadOnlyList<string> Slugs { get; } = [.. Known.Select(s => s.Slug)];

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
