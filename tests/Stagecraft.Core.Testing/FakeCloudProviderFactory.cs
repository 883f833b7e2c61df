using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Testing;

/// <summary>A cloud provider registration for tests. Binds <c>hosts: {env: {host: {role}}}</c>; <see cref="Cloud"/> is the in-memory cloud.</summary>
public sealed class FakeCloudProviderFactory(string id = "fakecloud") : ICloudProviderFactory
{
    public string Id { get; } = id;

    public FakeCloud Cloud { get; } = new();

    public Exception? CreateFailure { get; set; }

    public ProviderContext? LastContext { get; private set; }

    public ICloudProviderSettings Bind(ConfigSection section)
    {
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
                            var role = hostSection.RequiredString("role");
                            hostSection.Complete();
                            specs.Add(new HostSpec(host.Key, role ?? string.Empty, host.KeyMark));
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
