using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.BadInput;

/// <summary>A loader with the Stagecraft.Core.Testing fake providers, a valid config for them and their schema keys.</summary>
internal static class FakeProviderConfigs
{
    public const string Valid = TestConfig.Valid;

    public static readonly IReadOnlyList<string> Keys =
    [
        "project", "name", "cloud", "provider", "providers", "fakecloud", "hosts", "staging", "prod", "app-1", "role",
        "network", "fakenet", "domain", "default_tags", "role_tags", "app", "db", "infra", "bootstrap", "ssh", "user", "port",
        "private_key_path", "known_hosts_file", "ready_timeout", "docker", "enabled", "install_method",
    ];

    public static ConfigLoader Loader() => TestConfig.Loader();

    public static object Parse(string text) => Loader().Parse(text, YamlFuzz.File);
}
