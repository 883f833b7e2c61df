using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Testing;

/// <summary>
/// A cloud provider registration for tests, and the second provider that reads the shared host keys through Core's
/// <see cref="HostKeysReader"/>: <c>hosts: {env: {host: {role, tags, user_data}}}</c> plus section-level <c>tags</c> and
/// <c>user_data</c>, with its own limits (lowercase tags, 16 KiB of user_data), and the placement keys through
/// <see cref="HostPlacementReader"/> when the config uses them. <see cref="Cloud"/> is the in-memory cloud.
/// </summary>
public sealed class FakeCloudProviderFactory(string id = "fakecloud") : ICloudProviderFactory
{
    public string Id { get; } = id;

    public FakeCloud Cloud { get; } = new();

    public Exception? CreateFailure { get; set; }

    public ProviderContext? LastContext { get; private set; }

    /// <summary>This provider's limits for the shared keys: other than DigitalOcean's, to show they are the provider's.</summary>
    public static readonly HostKeyRules Rules = new("fakecloud", t => t.Length <= 64 && t.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is ':' or '-'), "a fakecloud tag (lowercase letters, digits, ':' and '-')", 16 * 1024);

    public ICloudProviderSettings Bind(ConfigSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var sectionOptions = HostKeysReader.Read(section, Rules);
        var placementDefaults = HostPlacementReader.ReadDefaults(section, "fake-image-1");
        var environments = new SortedDictionary<string, IReadOnlyList<HostSpec>>(StringComparer.Ordinal);
        if (section.RequiredSection("hosts") is { } hosts)
        {
            foreach (var env in hosts.Mapping.Entries)
            {
                hosts.Accept(env.Key);
                var specs = new List<HostSpec>();
                if (hosts.Child(env.Value, hosts.KeyPath(env.Key)) is { } envSection)
                {
                    foreach (var host in envSection.Mapping.Entries)
                    {
                        envSection.Accept(host.Key);
                        if (envSection.Child(host.Value, envSection.KeyPath(host.Key)) is { } hostSection)
                        {
                            var role = HostKeysReader.ReadRole(hostSection, "must be a DNS label");
                            var shared = SharedHostOptions.Resolve(HostKeysReader.Read(hostSection, Rules), sectionOptions);

                            // Placement only when the config uses it, so the many configs without sizes stay valid.
                            var placement = placementDefaults.DefaultSizeGiven || placementDefaults.DefaultRegionGiven || hostSection.Has("size") || hostSection.Has("region")
                                ? HostPlacementReader.ReadHost(hostSection, placementDefaults, $"hosts.{env.Key}.{host.Key}", host.KeyMark)
                                : null;
                            hostSection.Complete();
                            specs.Add(new HostSpec(host.Key, role ?? string.Empty, host.KeyMark) { Shared = shared, Placement = placement });
                        }
                    }
                }

                environments[env.Key] = [.. specs.OrderBy(s => s.Name, StringComparer.Ordinal)];
            }

            hosts.Complete();
        }

        section.Complete();
        return new FakeCloudSettings(environments);
    }

    public ICloudProvider Create(ICloudProviderSettings settings, ProviderContext context)
    {
        LastContext = context;
        if (CreateFailure is not null)
        {
            throw CreateFailure;
        }

        Cloud.Id = Id;
        return Cloud;
    }
}
