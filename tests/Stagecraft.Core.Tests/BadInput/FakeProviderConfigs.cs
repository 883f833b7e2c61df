using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.BadInput;

/// <summary>A loader with the Stagecraft.Core.Testing fake providers, a valid config for them and their schema keys.</summary>
internal static class FakeProviderConfigs
{
    public const string Valid = """
        project:
          name: shop
        cloud:
          provider: fakecloud
          providers:
            fakecloud:
              hosts:
                staging:
                  web-2: { role: app }
                  app-1: { role: app }
                  db-1: { role: db }
                prod:
                  app-1: { role: app }
        network:
          provider: fakenet
          providers:
            fakenet:
              default_tags: ["tag:stagecraft"]
              role_tags: { app: ["tag:app"], db: ["tag:db", "tag:stagecraft"] }
        infra:
          bootstrap:
            ssh:
              user: root
              port: 22
              private_key_path: ~/.ssh/id_ed25519
              known_hosts_file: ~/.config/stagecraft/known_hosts
              ready_timeout: 90s
            docker:
              enabled: true
              install_method: apt
        """;

    public static readonly IReadOnlyList<string> Keys =
    [
        "project", "name", "cloud", "provider", "providers", "fakecloud", "hosts", "staging", "prod", "app-1", "role",
        "network", "fakenet", "domain", "default_tags", "role_tags", "app", "db", "infra", "bootstrap", "ssh", "user", "port",
        "private_key_path", "known_hosts_file", "ready_timeout", "docker", "enabled", "install_method",
    ];

    public static ConfigLoader Loader() =>
        new(
            new ProviderRegistry<ICloudProviderFactory>([new FakeCloudProviderFactory()]),
            new ProviderRegistry<INetworkProviderFactory>([new FakeNetworkProviderFactory()]),
            "/home/op");

    public static object Parse(string text) => Loader().Parse(text, YamlFuzz.File);
}
