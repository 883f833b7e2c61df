using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Testing;

/// <summary>A network provider registration for tests: binds <c>domain</c>, <c>default_tags</c>, <c>role_tags</c>.</summary>
public sealed class FakeNetworkProviderFactory(string id = "fakenet") : INetworkProviderFactory
{
    public string Id { get; } = id;

    public FakeNetwork Network { get; } = new();

    public Exception? CreateFailure { get; set; }

    public INetworkProviderSettings Bind(ConfigSection section)
    {
        var domain = section.OptionalString("domain") ?? "example.ts.net";
        var defaults = section.OptionalStringList("default_tags") ?? [];
        var roles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (section.OptionalSection("role_tags") is { } roleTags)
        {
            foreach (var entry in roleTags.Mapping.Entries)
            {
                roleTags.Accept(entry.Key);
                roles[entry.Key] = roleTags.StringList(entry.Value, roleTags.KeyPath(entry.Key)) ?? [];
            }

            roleTags.Complete();
        }

        section.Complete();
        return new FakeNetworkSettings(defaults, roles, domain);
    }

    public INetworkProvider Create(INetworkProviderSettings settings, ProviderContext context)
    {
        if (CreateFailure is not null)
        {
            throw CreateFailure;
        }

        Network.Domain = ((FakeNetworkSettings)settings).Domain;
        return Network;
    }
}
