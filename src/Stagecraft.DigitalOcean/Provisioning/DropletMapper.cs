using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Stagecraft.Core.Hosts;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>The one place wire droplets become Core values: hosts, public IPs, drift and reconcile findings.</summary>
internal static class DropletMapper
{
    public const string ActiveStatus = "active";
    public const string OffStatus = "off";
    public const string PowerOnChange = "power on";

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static Host ToHost(DropletSpec spec, string resourceName, DropletDto droplet) =>
        new(spec.Name, resourceName, Id(droplet.Id), spec.Role, PublicIpv4(droplet), SortedTags(droplet.Tags ?? []));

    public static IReadOnlyList<string> SortedTags(IEnumerable<string> tags) =>
        [.. tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The first v4 entry of type <c>public</c> that parses as IPv4; never <c>v4[0]</c> blindly (private may come first).</summary>
    public static string? PublicIpv4(DropletDto droplet) =>
        (droplet.Networks?.V4 ?? [])
            .Where(n => string.Equals(n.Type, "public", StringComparison.Ordinal))
            .Select(n => n.IpAddress)
            .FirstOrDefault(ip => IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetwork);

    public static bool IsReady(DropletDto droplet) =>
        string.Equals(droplet.Status, ActiveStatus, StringComparison.Ordinal) && PublicIpv4(droplet) is not null;

    /// <summary>Differences between the declared and the actual size, region and image ("size: expected X, actual Y").</summary>
    public static IReadOnlyList<string> Drift(DropletSpec spec, DropletDto droplet)
    {
        var drift = new List<string>();
        var size = droplet.SizeSlug ?? "(unknown)";
        if (!string.Equals(spec.Size, size, StringComparison.Ordinal))
        {
            drift.Add($"size: expected {spec.Size}, actual {size}");
        }

        var region = droplet.Region?.Slug ?? "(unknown)";
        if (!RegionMatches(spec.Region, region))
        {
            drift.Add($"region: expected {spec.Region}, actual {region}");
        }

        if (!ImageMatches(spec.Image, droplet.Image))
        {
            var actual = droplet.Image?.Slug ?? (droplet.Image?.Id is { } id ? Id(id) : "(unknown)");
            drift.Add($"image: expected {spec.Image}, actual {actual}");
        }

        return drift;
    }

    /// <summary>What apply must do to bring a matching droplet under management: missing marker tags, power on.</summary>
    public static IReadOnlyList<string> ReconcileChanges(string environment, DropletDto droplet)
    {
        var changes = MissingTags(environment, droplet).Select(t => $"add tag {t}").ToList();
        if (string.Equals(droplet.Status, OffStatus, StringComparison.Ordinal))
        {
            changes.Add(PowerOnChange);
        }

        return changes;
    }

    public static IReadOnlyList<string> MissingTags(string environment, DropletDto droplet) =>
        MissingTags(environment, droplet.Tags ?? []);

    public static IReadOnlyList<string> MissingTags(string environment, IReadOnlyList<string> tags) =>
        [.. ResourceNamer.MarkerTags(environment).Where(t => !tags.Contains(t, StringComparer.Ordinal))];

    /// <summary>A region given as a bare prefix (<c>nyc</c>) matches any of its datacenters (<c>nyc3</c>).</summary>
    private static bool RegionMatches(string expected, string actual) =>
        string.Equals(expected, actual, StringComparison.Ordinal) ||
        (!expected.Any(char.IsAsciiDigit) && actual.StartsWith(expected, StringComparison.Ordinal) && actual[expected.Length..].All(char.IsAsciiDigit));

    /// <summary>An image given as a numeric id comes back with <c>slug: null</c>; compare ids then.</summary>
    private static bool ImageMatches(string expected, ImageDto? actual) =>
        long.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? actual?.Id == id
            : string.Equals(expected, actual?.Slug, StringComparison.Ordinal);
}
