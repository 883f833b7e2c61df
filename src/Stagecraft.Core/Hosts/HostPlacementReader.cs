using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Hosts;

/// <summary>
/// Where a host runs and from what, read the same way for every cloud provider: per host <c>size</c> and
/// <c>region</c>, with the section's <c>default_size</c>, <c>default_region</c> and <c>image</c>, and the optional
/// allow-lists <c>sizes</c> and <c>regions</c> every value must be in. The values are the provider's own slugs;
/// the provider checks them against its account (the preflight). Every problem names its key.
/// </summary>
public static class HostPlacementReader
{
    /// <summary>The section-level keys; <paramref name="defaultImage"/> when <c>image</c> is not set.</summary>
    public static PlacementDefaults ReadDefaults(ConfigSection section, string defaultImage)
    {
        ArgumentNullException.ThrowIfNull(section);
        var regions = section.OptionalStringList("regions");
        var sizes = section.OptionalStringList("sizes");
        return new PlacementDefaults(
            section.OptionalString("image") ?? defaultImage,
            regions,
            sizes,
            ReadAllowed(section, "default_region", regions, "regions"),
            ReadAllowed(section, "default_size", sizes, "sizes"),
            section.Has("default_region"),
            section.Has("default_size"))
        {
            ImageKey = section.KeyPath("image"),
            DefaultSizeKey = section.KeyPath("default_size"),
            DefaultRegionKey = section.KeyPath("default_region"),
        };
    }

    /// <summary>
    /// The host's <c>size</c> and <c>region</c> (its own, else the section default), with the key each came from. Null
    /// when one is missing or not allowed; the problem is recorded at the host (<paramref name="hostKeyMark"/>).
    /// </summary>
    /// <param name="relative">The host's path below the section, e.g. <c>hosts.staging.app-1</c>, for "set …" hints.</param>
    public static HostPlacement? ReadHost(ConfigSection host, PlacementDefaults defaults, string relative, ConfigMark hostKeyMark)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(defaults);
        var size = ReadAllowed(host, "size", defaults.Sizes, "sizes");
        var sizeGiven = host.Has("size");
        var region = ReadAllowed(host, "region", defaults.Regions, "regions");
        var regionGiven = host.Has("region");

        size ??= defaults.DefaultSize;
        if (size is null && !sizeGiven && !defaults.DefaultSizeGiven)
        {
            host.Diagnostics.Add(hostKeyMark, host.Path, $"no size: set {relative}.size or default_size");
        }

        region ??= defaults.DefaultRegion;
        if (region is null && !regionGiven && !defaults.DefaultRegionGiven)
        {
            host.Diagnostics.Add(hostKeyMark, host.Path, $"no region: set {relative}.region or default_region");
        }

        return size is not null && region is not null
            ? new HostPlacement(size, region, defaults.Image)
            {
                SizeKey = sizeGiven ? host.KeyPath("size") : defaults.DefaultSizeKey,
                RegionKey = regionGiven ? host.KeyPath("region") : defaults.DefaultRegionKey,
                ImageKey = defaults.ImageKey,
            }
            : null;
    }

    private static string? ReadAllowed(ConfigSection section, string key, IReadOnlyList<string>? allowed, string allowedKey)
    {
        var value = section.OptionalString(key);
        if (value is not null && allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            section.Error(section.Find(key)!.Value.Mark, key, $"must be one of {allowedKey}: {string.Join(", ", allowed)} (got '{value}')");
            return null;
        }

        return value;
    }
}

/// <summary>The section-level placement keys, and where they were written (full key paths).</summary>
public sealed record PlacementDefaults(
    string Image,
    IReadOnlyList<string>? Regions,
    IReadOnlyList<string>? Sizes,
    string? DefaultRegion,
    string? DefaultSize,
    bool DefaultRegionGiven,
    bool DefaultSizeGiven)
{
    public string ImageKey { get; init; } = "image";

    public string DefaultSizeKey { get; init; } = "default_size";

    public string DefaultRegionKey { get; init; } = "default_region";
}

/// <summary>A host's size, region and image, with the full key path each came from (for findings that blame a key).</summary>
public sealed record HostPlacement(string Size, string Region, string Image)
{
    public string SizeKey { get; init; } = "size";

    public string RegionKey { get; init; } = "region";

    public string ImageKey { get; init; } = "image";
}
