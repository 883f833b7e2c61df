namespace Stagecraft.Core.Testing;

/// <summary>A valid stagecraft.yml for the fake providers (<see cref="FakeCloudProviderFactory"/>, <see cref="FakeNetworkProviderFactory"/>).</summary>
public static class SampleConfigs
{
    public const string FakeProviders = """
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
}
