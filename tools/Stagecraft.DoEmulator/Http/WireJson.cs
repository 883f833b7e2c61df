using System.Globalization;
using System.Text.Json.Nodes;
using Stagecraft.DoEmulator.Catalog;
using Stagecraft.DoEmulator.Model;

namespace Stagecraft.DoEmulator.Http;

/// <summary>The one place that turns emulator state into DigitalOcean API JSON shapes.</summary>
internal static class WireJson
{
    private static readonly DateTimeOffset ImageCreatedAt = new(2024, 4, 23, 0, 0, 0, TimeSpan.Zero);

    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Error(string id, string message, string requestId) => new()
    {
        ["id"] = id,
        ["message"] = message,
        ["request_id"] = requestId,
    };

    /// <summary>The other error shape, used by <c>POST /v2/tags</c> for a 400.</summary>
    public static JsonObject ErrorWithRootCauses(string error) => new()
    {
        ["error"] = error,
        ["messages"] = null,
        ["root_causes"] = new JsonArray($"rpc error: code = InvalidArgument desc = {error}"),
    };

    public static JsonObject Droplet(DropletRecord droplet)
    {
        var size = SizeCatalog.FindOrSynthesize(droplet.Size);
        var image = droplet.ImageSlug is { } slug ? ImageCatalog.FindOrSynthesize(slug) : ImageCatalog.FindById(droplet.ImageId)!;
        var features = new JsonArray("private_networking");
        if (droplet.PublicIpv6 is not null)
        {
            features.Add("ipv6");
        }

        if (droplet.Monitoring)
        {
            features.Add("monitoring");
        }

        if (droplet.Backups)
        {
            features.Insert(0, "backups");
        }

        return new JsonObject
        {
            ["id"] = droplet.Id,
            ["name"] = droplet.Name,
            ["memory"] = size.MemoryMb,
            ["vcpus"] = size.Vcpus,
            ["disk"] = size.DiskGb,
            ["disk_info"] = new JsonArray(new JsonObject
            {
                ["type"] = "local",
                ["size"] = new JsonObject { ["amount"] = size.DiskGb, ["unit"] = "gib" },
            }),
            ["locked"] = false,
            ["status"] = droplet.Status,
            ["kernel"] = null,
            ["created_at"] = Timestamp(droplet.CreatedAt),
            ["features"] = features,
            ["backup_ids"] = new JsonArray(),
            ["next_backup_window"] = null,
            ["snapshot_ids"] = new JsonArray(),
            ["image"] = Image(image),
            ["volume_ids"] = Strings(droplet.VolumeIds),
            ["size"] = Size(size),
            ["size_slug"] = size.Slug,
            ["networks"] = Networks(droplet),
            ["region"] = Region(droplet.Region),
            ["tags"] = Strings(droplet.Tags),
            ["vpc_uuid"] = droplet.VpcUuid,
        };
    }

    public static JsonObject Action(ActionRecord action) => new()
    {
        ["id"] = action.Id,
        ["status"] = action.Status,
        ["type"] = action.Type,
        ["started_at"] = Timestamp(action.StartedAt),
        ["completed_at"] = action.CompletedAt is { } completed ? Timestamp(completed) : null,
        ["resource_id"] = action.DropletId,
        ["resource_type"] = "droplet",
        ["region"] = Region(action.RegionSlug),
        ["region_slug"] = action.RegionSlug,
    };

    public static JsonObject ActionLink(ActionRecord action, string baseUrl) => new()
    {
        ["id"] = action.Id,
        ["rel"] = action.Type,
        ["href"] = $"{baseUrl}/v2/actions/{action.Id.ToString(CultureInfo.InvariantCulture)}",
    };

    public static JsonObject SshKey(EmulatorSshKey key) => new()
    {
        ["id"] = key.Id,
        ["fingerprint"] = key.Fingerprint,
        ["public_key"] = key.PublicKey,
        ["name"] = key.Name,
    };

    public static JsonObject Tag(TagSummary tag, string baseUrl)
    {
        var droplets = new JsonObject { ["count"] = tag.DropletCount };
        var resources = new JsonObject { ["count"] = tag.DropletCount };
        if (tag.LastTaggedDropletId is { } last)
        {
            var uri = $"{baseUrl}/v2/droplets/{last.ToString(CultureInfo.InvariantCulture)}";
            droplets["last_tagged_uri"] = uri;
            resources["last_tagged_uri"] = uri;
        }

        resources["droplets"] = droplets;
        resources["images"] = new JsonObject { ["count"] = 0 };
        resources["volumes"] = new JsonObject { ["count"] = 0 };
        resources["volume_snapshots"] = new JsonObject { ["count"] = 0 };
        resources["databases"] = new JsonObject { ["count"] = 0 };
        return new JsonObject { ["name"] = tag.Name, ["resources"] = resources };
    }

    /// <summary><c>links</c> of a paged list: only the page links that make sense, <c>{}</c> when there are none.</summary>
    public static JsonObject PageLinks(string baseUrl, string path, int page, int perPage, int total, IReadOnlyList<KeyValuePair<string, string>> filters)
    {
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)perPage));
        var pages = new JsonObject();
        string Link(int number)
        {
            var query = string.Join(
                '&',
                new[] { $"page={number.ToString(CultureInfo.InvariantCulture)}", $"per_page={perPage.ToString(CultureInfo.InvariantCulture)}" }
                    .Concat(filters.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")));
            return $"{baseUrl}{path}?{query}";
        }

        if (page > 1)
        {
            pages["first"] = Link(1);
            pages["prev"] = Link(Math.Min(page - 1, lastPage));
        }

        if (page < lastPage)
        {
            pages["last"] = Link(lastPage);
            pages["next"] = Link(page + 1);
        }

        return pages.Count == 0 ? [] : new JsonObject { ["pages"] = pages };
    }

    /// <summary>The account behind every accepted token (the emulator has one).</summary>
    public static JsonObject Account(int dropletLimit, string status, string statusMessage) => new()
    {
        ["droplet_limit"] = dropletLimit,
        ["floating_ip_limit"] = 3,
        ["email"] = "operator@example.com",
        ["name"] = "Emulated Operator",
        ["uuid"] = "b6fr89dbf6d9156cace5f3c78dc9851d957381ef",
        ["email_verified"] = true,
        ["status"] = status,
        ["status_message"] = statusMessage,
    };

    public static JsonObject Meta(int total) => new() { ["total"] = total };

    private static JsonObject Networks(DropletRecord droplet)
    {
        var v4 = new JsonArray();
        var v6 = new JsonArray();
        if (droplet.HasNetworks)
        {
            // Private first, as real responses often are: clients must pick by type, never v4[0].
            v4.Add(new JsonObject
            {
                ["ip_address"] = droplet.PrivateIpv4,
                ["netmask"] = "255.255.240.0",
                ["gateway"] = "10.108.0.1",
                ["type"] = "private",
            });
            if (droplet.PublicIpv4 is { } publicIp)
            {
                v4.Add(new JsonObject
                {
                    ["ip_address"] = publicIp,
                    ["netmask"] = "255.255.255.0",
                    ["gateway"] = string.Concat(publicIp.AsSpan(0, publicIp.LastIndexOf('.')), ".1"),
                    ["type"] = "public",
                });
            }

            if (droplet.PublicIpv6 is { } ipv6)
            {
                v6.Add(new JsonObject
                {
                    ["ip_address"] = ipv6,
                    ["netmask"] = 64,
                    ["gateway"] = "2604:a880:800:10::1",
                    ["type"] = "public",
                });
            }
        }

        return new JsonObject { ["v4"] = v4, ["v6"] = v6 };
    }

    public static JsonObject Region(string slug) => new()
    {
        ["name"] = RegionCatalog.NameOf(slug),
        ["slug"] = slug,
        ["features"] = Strings(RegionCatalog.Features),
        ["available"] = RegionCatalog.IsAvailable(slug),
        ["sizes"] = Strings([.. SizeCatalog.Listed.Where(s => s.OfferedIn(slug)).Select(s => s.Slug)]),
    };

    public static JsonObject Size(SizeSpec size) => new()
    {
        ["slug"] = size.Slug,
        ["memory"] = size.MemoryMb,
        ["vcpus"] = size.Vcpus,
        ["disk"] = size.DiskGb,
        ["transfer"] = size.TransferTb,
        ["price_monthly"] = size.PriceMonthly,
        ["price_hourly"] = size.PriceHourly,
        ["regions"] = Strings(size.Regions),
        ["available"] = true,
        ["description"] = size.Description,
    };

    public static JsonObject Image(ImageSpec image) => new()
    {
        ["id"] = image.Id,
        ["name"] = image.Name,
        ["distribution"] = image.Distribution,
        ["slug"] = image.Slug,
        ["public"] = image.Slug is not null,
        ["regions"] = Strings(RegionCatalog.AvailableSlugs),
        ["created_at"] = Timestamp(ImageCreatedAt),
        ["type"] = image.Type,
        ["min_disk_size"] = image.MinDiskSize,
        ["size_gigabytes"] = image.SizeGigabytes,
        ["description"] = "",
        ["tags"] = new JsonArray(),
        ["status"] = "available",
        ["error_message"] = "",
    };

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)v)];

    /// <summary>A VPC as <c>GET /v2/vpcs</c> shows it; <c>urn</c> is <c>do:vpc:&lt;id&gt;</c>.</summary>
    public static JsonObject Vpc(EmulatorVpc vpc, bool isDefault) => new()
    {
        ["id"] = vpc.Id,
        ["urn"] = $"do:vpc:{vpc.Id}",
        ["name"] = vpc.Name,
        ["description"] = string.Empty,
        ["region"] = vpc.Region,
        ["ip_range"] = "10.110.0.0/20",
        ["default"] = isDefault,
        ["created_at"] = "2026-01-05T09:00:00Z",
    };

    public static JsonObject Project(EmulatorProject project, bool isDefault) => new()
    {
        ["id"] = project.Id,
        ["owner_uuid"] = "99525febec065ca37b2ffe4f852fd2b2581895e7",
        ["owner_id"] = 258992,
        ["name"] = project.Name,
        ["description"] = string.Empty,
        ["purpose"] = "Web Application",
        ["environment"] = "Production",
        ["created_at"] = "2026-01-05T09:00:00Z",
        ["updated_at"] = "2026-01-05T09:00:00Z",
        ["is_default"] = isDefault,
    };

    public static JsonObject ProjectResource(string baseUrl, long dropletId, DateTimeOffset assignedAt, string status) => new()
    {
        ["urn"] = string.Create(CultureInfo.InvariantCulture, $"do:droplet:{dropletId}"),
        ["assigned_at"] = assignedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["links"] = new JsonObject { ["self"] = string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/v2/droplets/{dropletId}") },
        ["status"] = status,
    };
}
