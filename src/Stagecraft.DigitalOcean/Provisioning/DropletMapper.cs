using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>The one place wire droplets become Core values: hosts, public IPs, drift and reconcile findings.</summary>
internal static class DropletMapper
{
    public const string ActiveStatus = "active";
    public const string OffStatus = "off";

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The droplet id of a Core host (as <see cref="Id"/> wrote it).</summary>
    public static long ParseId(Host host) =>
        long.TryParse(host.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new CloudProviderException($"digitalocean provider: droplet id '{host.Id}' of {host.ResourceName} is not a number");

    public static Host ToHost(DropletSpec spec, string resourceName, DropletDto droplet) =>
        new(spec.Name, resourceName, Id(droplet.Id), spec.Role, PublicIpv4(droplet), SortedTags(droplet.Tags ?? []))
        {
            PrivateIp = Ipv4(droplet, "private"),
            Region = droplet.Region?.Slug ?? string.Empty,
            Size = droplet.SizeSlug ?? string.Empty,
            Image = ImageName(droplet.Image),
            Status = droplet.Status,
        };

    /// <summary>The image's slug, else its id (custom and snapshot images have no slug), else empty.</summary>
    public static string ImageName(ImageDto? image) => image?.Slug ?? (image?.Id is { } id ? Id(id) : string.Empty);

    public static IReadOnlyList<string> SortedTags(IEnumerable<string> tags) =>
        [.. tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The first v4 entry of type <c>public</c> that parses as IPv4; never <c>v4[0]</c> blindly (private may come first).</summary>
    public static string? PublicIpv4(DropletDto droplet) => Ipv4(droplet, "public");

    private static string? Ipv4(DropletDto droplet, string type) =>
        (droplet.Networks?.V4 ?? [])
            .Where(n => string.Equals(n.Type, type, StringComparison.Ordinal))
            .Select(n => n.IpAddress)
            .FirstOrDefault(ip => IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetwork);

    public static bool IsReady(DropletDto droplet) =>
        string.Equals(droplet.Status, ActiveStatus, StringComparison.Ordinal) && PublicIpv4(droplet) is not null;

    /// <summary>
    /// Differences between the declared and the actual size, region, image, features (monitoring, backups, ipv6) and
    /// tags beyond the marker and declared ones. user_data cannot be read back and is never compared.
    /// </summary>
    /// <param name="vpc">The VPC the config names, as found on the account; null when it names none (or it was not found: the preflight says so).</param>
    public static IReadOnlyList<Drift> Drift(DropletSpec spec, DropletDto droplet, VpcDto? vpc = null)
    {
        var drift = new List<Drift>();
        if (vpc?.Id is { } vpcId && !string.Equals(droplet.VpcUuid, vpcId, StringComparison.OrdinalIgnoreCase))
        {
            drift.Add(new Drift("vpc", $"{spec.Options.Vpc} ({vpcId})", droplet.VpcUuid ?? "(unknown)"));
        }

        var size = droplet.SizeSlug ?? "(unknown)";
        if (!string.Equals(spec.Size, size, StringComparison.Ordinal))
        {
            drift.Add(new Drift("size", spec.Size, size));
        }

        var region = droplet.Region?.Slug ?? "(unknown)";
        if (!RegionMatches(spec.Region, region))
        {
            drift.Add(new Drift("region", spec.Region, region));
        }

        if (!ImageMatches(spec.Image, droplet.Image))
        {
            var actual = droplet.Image?.Slug ?? (droplet.Image?.Id is { } id ? Id(id) : "(unknown)");
            drift.Add(new Drift("image", spec.Image, actual));
        }

        var features = droplet.Features ?? [];
        foreach (var (name, wanted) in new[] { ("backups", spec.Options.Backups), ("ipv6", spec.Options.Ipv6), ("monitoring", spec.Options.Monitoring) })
        {
            var actual = features.Contains(name, StringComparer.Ordinal);
            if (actual != wanted)
            {
                drift.Add(new Drift(name, OnOff(wanted), OnOff(actual)));
            }
        }

        var extra = ExtraTags(droplet.Tags ?? [], spec);
        if (extra.Count > 0)
        {
            drift.Add(new Drift("tags", Listed(spec.Options.Tags), Listed([.. spec.Options.Tags.Concat(extra).Order(StringComparer.Ordinal)])));
        }

        return drift;
    }

    /// <summary>Tags the droplet carries beyond the marker tags and the declared ones, sorted.</summary>
    private static IReadOnlyList<string> ExtraTags(IReadOnlyList<string> tags, DropletSpec spec) =>
        [.. tags.Where(t => !t.StartsWith(ResourceNamer.ManagedTag, StringComparison.Ordinal) && !spec.Options.Tags.Contains(t, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string Listed(IReadOnlyList<string> tags) => tags.Count == 0 ? "(none)" : string.Join(", ", tags);

    /// <summary>What apply must do to bring a matching droplet under management: missing marker and declared tags, power on.</summary>
    public static IReadOnlyList<PlanChange> ReconcileChanges(string environment, DropletSpec spec, DropletDto droplet)
    {
        var tags = droplet.Tags ?? [];
        var changes = MissingTags(environment, tags)
            .Concat(spec.Options.Tags.Where(t => !tags.Contains(t, StringComparer.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(t => (PlanChange)new AddTag(t))
            .ToList();
        if (string.Equals(droplet.Status, OffStatus, StringComparison.Ordinal))
        {
            changes.Add(new PowerOn());
        }

        return changes;
    }

    /// <summary>What a droplet to create gets, in this order: size, region, image, then the options that are set (tags, features, user_data).</summary>
    public static IReadOnlyList<DesiredSetting> Desired(DropletSpec spec)
    {
        var desired = new List<DesiredSetting> { new("size", spec.Size), new("region", spec.Region), new("image", spec.Image) };
        if (spec.Options.Tags.Count > 0)
        {
            desired.Add(new("tags", string.Join(", ", spec.Options.Tags)));
        }

        if (spec.Options.Features.Count > 0)
        {
            desired.Add(new("features", string.Join(", ", spec.Options.Features)));
        }

        if (spec.Options.UserDataPath is { } path)
        {
            desired.Add(new("user_data", path));
        }

        if (spec.Options.Vpc is { } vpc)
        {
            desired.Add(new("vpc", vpc));
        }

        return desired;
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
