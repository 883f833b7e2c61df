using System.Text.RegularExpressions;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;

namespace Stagecraft.DigitalOcean.Configuration;

/// <summary>Reads and validates <c>cloud.providers.digitalocean</c>; every problem goes to the section's diagnostics.</summary>
internal static partial class DigitalOceanSettingsBinder
{
    private const string DnsLabelRule = "must be a DNS label (lowercase letters, digits and '-', not starting or ending with '-', at most 63 characters)";

    public static DigitalOceanSettings Bind(ConfigSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var tokenEnv = section.RequiredVariableName("token_env");

        var (sshKeyName, sshKeyNames) = ReadSshKeys(section);
        var apiUrl = ReadApiUrl(section);
        var placement = HostPlacementReader.ReadDefaults(section, DigitalOceanSettings.DefaultImage);
        var image = placement.Image;
        var createTimeout = section.OptionalDuration("create_timeout") ?? DigitalOceanSettings.DefaultCreateTimeout;
        var requestTimeout = section.OptionalDuration("request_timeout") ?? DigitalOceanSettings.DefaultRequestTimeout;
        var deleteTimeout = section.OptionalDuration("delete_timeout") ?? DigitalOceanSettings.DefaultDeleteTimeout;
        var firewall = ReadFirewall(section);
        var marks = section.ValueMarks("ssh_key_name", "ssh_keys", "image", "default_size", "default_region", "vpc", "project").ToDictionary(StringComparer.Ordinal);
        var defaults = new HostDefaults(placement) { Marks = marks };

        var environments = new SortedDictionary<string, IReadOnlyList<HostSpec>>(StringComparer.Ordinal);
        var droplets = new SortedDictionary<string, IReadOnlyList<DropletSpec>>(StringComparer.Ordinal);
        defaults = defaults with { Options = DropletOptionsReader.Read(section), EnvironmentOptions = ReadEnvironmentOptions(section) };
        var hosts = section.RequiredSection("hosts");
        if (hosts is not null)
        {
            ReadEnvironments(hosts, defaults, environments, droplets);
            foreach (var (name, mark) in defaults.EnvironmentMarks)
            {
                if (!environments.ContainsKey(name) && hosts.Find(name) is null)
                {
                    section.Diagnostics.Add(mark, $"{section.KeyPath("environments")}.{name}", $"environment '{name}' declares no hosts under hosts.{name}");
                }
            }
        }

        section.Complete();
        return new DigitalOceanSettings(
            tokenEnv ?? string.Empty,
            sshKeyName ?? string.Empty,
            apiUrl,
            image,
            createTimeout,
            requestTimeout,
            environments,
            droplets)
        {
            Places = new ConfigPlaces(section.Diagnostics.File, marks),
            SshKeyNameKey = section.KeyPath("ssh_key_name"),
            SshKeysKey = section.KeyPath("ssh_keys"),
            SshKeyNames = sshKeyNames,
            DeleteTimeout = deleteTimeout,
            Firewall = firewall,
        };
    }

    /// <summary>
    /// <c>ssh_key_name</c> (required: the login key's public half, on every droplet). More keys come from the
    /// <c>ssh_keys</c> droplet option (section, environment or host; see <see cref="DropletOptionsReader"/>).
    /// </summary>
    private static (string? First, IReadOnlyList<string> All) ReadSshKeys(ConfigSection section)
    {
        var login = section.RequiredString("ssh_key_name");
        return (login, login is null ? [] : [login]);
    }

    /// <summary><c>firewall:</c> with <c>ssh_sources</c> (IPv4/IPv6 addresses or CIDRs) and <c>ports</c> (TCP ports or ranges).</summary>
    private static FirewallSettings? ReadFirewall(ConfigSection section)
    {
        var firewall = section.OptionalSection("firewall");
        if (firewall is null)
        {
            return null;
        }

        var sources = Items(firewall, "ssh_sources", IsAddressOrCidr, "must be an IPv4 or IPv6 address or CIDR (e.g. 198.51.100.0/24)");
        var ports = Items(firewall, "ports", IsPortOrRange, "must be a TCP port 1-65535 or a range such as 8000-9000");
        firewall.Complete();
        return new FirewallSettings(
            sources is { Count: > 0 } ? [.. sources.Distinct(StringComparer.Ordinal)] : FirewallSettings.Anywhere,
            sources is not { Count: > 0 },
            [.. (ports ?? []).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>A list of scalars (numbers allowed), each checked by <paramref name="valid"/>; errors name the item.</summary>
    private static List<string>? Items(ConfigSection section, string key, Func<string, bool> valid, string rule)
    {
        if (section.Find(key) is not { } entry)
        {
            return null;
        }

        section.Accept(key);
        if (entry.Value is not ConfigSequence sequence)
        {
            section.Error(entry.Value.Mark, key, $"must be a list, not {entry.Value.Kind}");
            return null;
        }

        var items = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is ConfigScalar { IsNull: false } item && valid(item.Value.Trim()))
            {
                items.Add(item.Value.Trim());
            }
            else
            {
                var shown = sequence.Items[i] is ConfigScalar scalar ? scalar.Value : sequence.Items[i].Kind;
                section.Error(sequence.Items[i].Mark, $"{key}[{i}]", $"{rule} (got '{shown}')");
            }
        }

        return items;
    }

    private static bool IsAddressOrCidr(string value) =>
        System.Net.IPNetwork.TryParse(value, out _) || System.Net.IPAddress.TryParse(value, out _) && !value.Contains('%', StringComparison.Ordinal);

    private static bool IsPortOrRange(string value)
    {
        var parts = value.Split('-');
        if (parts.Length is < 1 or > 2 || !parts.All(p => p.Length is > 0 and <= 5 && p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var numbers = parts.Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return numbers.All(n => n is >= 1 and <= 65535) && numbers[0] <= numbers[^1];
    }

    /// <summary><c>environments.&lt;env&gt;</c>: each environment's option defaults.</summary>
    private static Dictionary<string, (DropletOptionsReader.Layer Layer, ConfigMark Mark)> ReadEnvironmentOptions(ConfigSection section)
    {
        var result = new Dictionary<string, (DropletOptionsReader.Layer, ConfigMark)>(StringComparer.Ordinal);
        var environments = section.OptionalSection("environments");
        if (environments is null)
        {
            return result;
        }

        foreach (var entry in environments.Mapping.Entries)
        {
            environments.Accept(entry.Key);
            var environment = environments.Child(entry.Value, environments.KeyPath(entry.Key));
            if (environment is null)
            {
                continue;
            }

            result[entry.Key] = (DropletOptionsReader.Read(environment), entry.KeyMark);
            environment.Complete();
        }

        environments.Complete();
        return result;
    }

    private static void ReadEnvironments(
        ConfigSection hosts,
        HostDefaults defaults,
        SortedDictionary<string, IReadOnlyList<HostSpec>> environments,
        SortedDictionary<string, IReadOnlyList<DropletSpec>> droplets)
    {
        if (hosts.Mapping.Entries.Count == 0)
        {
            hosts.Diagnostics.Add(hosts.Mark, hosts.Path, "must declare at least one environment with at least one host");
            return;
        }

        foreach (var entry in hosts.Mapping.Entries)
        {
            hosts.Accept(entry.Key);
            var envPath = hosts.KeyPath(entry.Key);
            if (!DnsLabel.IsValid(entry.Key))
            {
                hosts.Diagnostics.Add(entry.KeyMark, envPath, $"environment name {DnsLabelRule}");
                continue;
            }

            if (entry.Value is ConfigScalar { IsNull: true })
            {
                hosts.Diagnostics.Add(entry.KeyMark, envPath, "must declare at least one host");
                continue;
            }

            var environment = hosts.Child(entry.Value, envPath);
            if (environment is null)
            {
                continue;
            }

            if (environment.Mapping.Entries.Count == 0)
            {
                hosts.Diagnostics.Add(entry.KeyMark, envPath, "must declare at least one host");
                continue;
            }

            var specs = new List<HostSpec>();
            var dropletSpecs = new List<DropletSpec>();
            foreach (var hostEntry in environment.Mapping.Entries)
            {
                environment.Accept(hostEntry.Key);
                var droplet = ReadHost(environment, entry.Key, hostEntry, defaults);
                if (droplet is not null)
                {
                    specs.Add(new HostSpec(droplet.Name, droplet.Role, droplet.Mark)
                    {
                        Shared = new SharedHostOptions(droplet.Options.Tags, droplet.Options.UserDataFile),
                        Placement = new HostPlacement(droplet.Size, droplet.Region, droplet.Image),
                    });
                    dropletSpecs.Add(droplet);
                }
            }

            environments[entry.Key] = [.. specs.OrderBy(s => s.Name, StringComparer.Ordinal)];
            droplets[entry.Key] = [.. dropletSpecs.OrderBy(s => s.Name, StringComparer.Ordinal)];
        }
    }

    private static DropletSpec? ReadHost(ConfigSection environment, string envName, ConfigEntry hostEntry, HostDefaults defaults)
    {
        var hostPath = environment.KeyPath(hostEntry.Key);
        var diagnostics = environment.Diagnostics;
        var ok = true;
        if (!DnsLabel.IsValid(hostEntry.Key))
        {
            diagnostics.Add(hostEntry.KeyMark, hostPath, $"host name {DnsLabelRule}");
            ok = false;
        }
        else
        {
            var resourceName = ResourceNamer.ResourceName(envName, hostEntry.Key);
            if (resourceName.Length > ResourceNamer.MaxResourceNameLength)
            {
                diagnostics.Add(hostEntry.KeyMark, hostPath, $"droplet name '{resourceName}' is {resourceName.Length} characters; '<env>-<host>' must be at most {ResourceNamer.MaxResourceNameLength}");
                ok = false;
            }
        }

        var host = environment.Child(hostEntry.Value, hostPath);
        if (host is null)
        {
            return null;
        }

        var role = HostKeysReader.ReadRole(host, DnsLabelRule);

        var hostOptions = DropletOptionsReader.Read(host);
        var placement = HostPlacementReader.ReadHost(host, defaults.Placement, $"hosts.{envName}.{hostEntry.Key}", hostEntry.KeyMark);
        foreach (var (keyPath, mark) in host.ValueMarks("size", "region", "vpc", "project"))
        {
            defaults.Marks[keyPath] = mark;
        }

        host.Complete();
        return ok && role is not null && placement is not null
            ? new DropletSpec(hostEntry.Key, role, placement.Size, placement.Region, placement.Image, hostEntry.KeyMark)
            {
                SizeKey = placement.SizeKey,
                RegionKey = placement.RegionKey,
                ImageKey = placement.ImageKey,
                Options = DropletOptionsReader.Resolve(hostOptions, defaults.EnvironmentOptions.GetValueOrDefault(envName).Layer, defaults.Options),
            }
            : null;
    }

    private static Uri ReadApiUrl(ConfigSection section)
    {
        var value = section.OptionalString("api_url");
        if (value is null)
        {
            return new Uri(DigitalOceanSettings.DefaultApiUrl);
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
            (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
            uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0)
        {
            return uri;
        }

        section.Error(section.Find("api_url")!.Value.Mark, "api_url", "must be an absolute http or https URL without credentials, query or fragment");
        return new Uri(DigitalOceanSettings.DefaultApiUrl);
    }

    /// <summary>What every host of the section starts from: Core's placement defaults and the droplet option layers.</summary>
    private sealed record HostDefaults(PlacementDefaults Placement)
    {
        public Dictionary<string, ConfigMark> Marks { get; init; } = new(StringComparer.Ordinal);

        /// <summary>The section's own option defaults.</summary>
        public DropletOptionsReader.Layer? Options { get; init; }

        /// <summary>Each environment's option defaults (<c>environments.&lt;env&gt;</c>) and where its key was written.</summary>
        public Dictionary<string, (DropletOptionsReader.Layer Layer, ConfigMark Mark)> EnvironmentOptions { get; init; } = new(StringComparer.Ordinal);

        public IEnumerable<(string Name, ConfigMark Mark)> EnvironmentMarks => EnvironmentOptions.Select(e => (e.Key, e.Value.Mark));
    }
}
