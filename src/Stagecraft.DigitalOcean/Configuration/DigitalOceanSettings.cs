using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;

namespace Stagecraft.DigitalOcean.Configuration;

/// <summary>The bound <c>cloud.providers.digitalocean</c> section.</summary>
/// <param name="RequestTimeout">Per API request attempt (<c>request_timeout</c>); a slow answer is retried, never a create.</param>
/// <param name="Droplets">Environment → droplet specs sorted by host name; the same hosts as <see cref="Environments"/>.</param>
internal sealed record DigitalOceanSettings(
    string TokenEnv,
    string SshKeyName,
    Uri ApiUrl,
    string Image,
    TimeSpan CreateTimeout,
    TimeSpan RequestTimeout,
    IReadOnlyDictionary<string, IReadOnlyList<HostSpec>> Environments,
    IReadOnlyDictionary<string, IReadOnlyList<DropletSpec>> Droplets) : ICloudProviderSettings
{
    public const string DefaultApiUrl = "https://api.digitalocean.com";
    public const string DefaultImage = "ubuntu-22-04-x64";
    public static readonly TimeSpan DefaultCreateTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultDeleteTimeout = TimeSpan.FromMinutes(5);

    /// <summary><c>firewall</c>: the environment's cloud firewall; null when the config declares none.</summary>
    public FirewallSettings? Firewall { get; init; }

    /// <summary><c>delete_timeout</c>: how long <c>infra down</c> waits, in all, for deleted droplets to be gone.</summary>
    public TimeSpan DeleteTimeout { get; init; } = DefaultDeleteTimeout;

    /// <summary>Where the keys preflight findings blame were written (full key paths), see <see cref="ConfigPlaces"/>.</summary>
    public ConfigPlaces Places { get; init; } = ConfigPlaces.None;

    /// <summary>The full key path of <c>ssh_key_name</c>.</summary>
    public string SshKeyNameKey { get; init; } = "ssh_key_name";

    /// <summary>The full key path of <c>ssh_keys</c>.</summary>
    public string SshKeysKey { get; init; } = "ssh_keys";

    /// <summary>Every account key name each droplet is created with: <c>ssh_key_name</c>, then <c>ssh_keys</c>.</summary>
    public IReadOnlyList<string> SshKeyNames { get; init; } = [];

    public DropletSpec? FindDroplet(string environment, string hostName) =>
        Droplets.TryGetValue(environment, out var droplets)
            ? droplets.FirstOrDefault(d => string.Equals(d.Name, hostName, StringComparison.Ordinal))
            : null;
}
