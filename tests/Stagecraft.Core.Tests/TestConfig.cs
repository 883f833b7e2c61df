using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests;

/// <summary>Builds loaders with the fake providers and a valid base config to vary.</summary>
internal static class TestConfig
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

    public static ConfigLoader Loader(FakeCloudProviderFactory? cloud = null, FakeNetworkProviderFactory? network = null) =>
        new(
            new ProviderRegistry<ICloudProviderFactory>([cloud ?? new FakeCloudProviderFactory()]),
            new ProviderRegistry<INetworkProviderFactory>([network ?? new FakeNetworkProviderFactory()]),
            "/home/op");

    public static IReadOnlyList<string> Errors(string yaml)
    {
        var ex = Assert.Throws<ConfigException>(() => Loader().Parse(yaml, "stagecraft.yml"));
        return [.. ex.Message.Split('\n')];
    }
}
