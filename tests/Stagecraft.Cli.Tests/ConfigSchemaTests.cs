using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;
using Stagecraft.DigitalOcean;
using Stagecraft.Tailscale;

namespace Stagecraft.Cli.Tests;

/// <summary>
/// The published config schema (docs/schema/stagecraft.schema.json) against the loader with the real providers:
/// every key the loader accepts is in the schema, and every key in the schema is accepted.
/// </summary>
public sealed class ConfigSchemaTests
{
    /// <summary>Every key the schema names, set once (JSON is YAML, so the loader reads it as it is).</summary>
    /// <summary>A cloud-init file for the user_data keys (they name a file that must exist).</summary>
    private static readonly string UserData = WriteUserData();

    private static readonly string FullConfig = $$"""
        {
          "project": { "name": "shop" },
          "cloud": {
            "provider": "digitalocean",
            "providers": {
              "digitalocean": {
                "token_env": "DO_TOKEN", "ssh_key_name": "deploy-key", "ssh_keys": ["ci-key"], "api_url": "https://api.digitalocean.com",
                "image": "ubuntu-22-04-x64", "default_region": "nyc1", "default_size": "s-2vcpu-4gb",
                "regions": ["nyc1", "nyc3"], "sizes": ["s-2vcpu-4gb", "s-4vcpu-8gb"],
                "create_timeout": "10m", "delete_timeout": "5m", "request_timeout": "30s",
                "firewall": { "ssh_sources": ["198.51.100.0/24"], "ports": [80, "8000-9000"] },
                "tags": ["team:web"], "monitoring": true, "backups": false, "ipv6": false, "user_data": "{{UserData}}", "vpc": "shop-nyc1", "project": "shop",
                "environments": { "staging": { "tags": ["env:staging"], "monitoring": false, "backups": true, "ipv6": true, "user_data": "{{UserData}}", "vpc": "shop-nyc3", "project": "shop-staging", "ssh_keys": ["ci-key"] } },
                "hosts": { "staging": { "app-1": {
                  "role": "app", "size": "s-4vcpu-8gb", "region": "nyc3",
                  "tags": ["web"], "monitoring": true, "backups": false, "ipv6": true, "user_data": "{{UserData}}", "vpc": "2c5a8f3e-0b4f-4c2e-9e1a-6d1f0a7c1b10", "project": "shop-app", "ssh_keys": ["alice"] } } }
              }
            }
          },
          "network": {
            "provider": "tailscale",
            "providers": {
              "tailscale": {
                "auth_key_env": "TS_AUTHKEY", "tailnet_domain": "example.ts.net",
                "default_tags": ["tag:stagecraft"], "role_tags": { "app": ["tag:app"] },
                "install": { "method": "auto", "min_version": "1.60.0" }
              }
            }
          },
          "infra": {
            "bootstrap": {
              "ssh": {
                "user": "deploy", "port": 22, "private_key_path": "~/.ssh/id_ed25519", "private_key_passphrase_env": "SSH_KEY_PASSPHRASE",
                "agent": true, "known_hosts_file": "~/.config/stagecraft/known_hosts", "ready_timeout": "5m", "command_timeout": "10m"
              },
              "docker": { "enabled": true, "install_method": "apt" }
            }
          }
        }
        """;

    private static string WriteUserData()
    {
        var path = Path.Combine(Path.GetTempPath(), "stagecraft-schema-tests-cloud-init.yml");
        File.WriteAllText(path, "#cloud-config\npackages: [htop]\n");
        return path;
    }

    private static readonly JsonObject Schema =
        JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFiles.RepositoryRoot, "docs", "schema", "stagecraft.schema.json")))!.AsObject();

    [Fact]
    public void FullConfig_MatchesTheSchemaAndSetsEveryKeyItNames()
    {
        var schema = JsonSchema.FromText(Schema.ToJsonString());
        using var document = JsonDocument.Parse(FullConfig);

        Assert.True(schema.Evaluate(document.RootElement).IsValid);
        var missing = new List<string>();
        Walk(JsonNode.Parse(FullConfig)!.AsObject(), Schema, string.Empty, (path, keys, node) =>
            missing.AddRange(keys.Where(k => node[k] is null).Select(k => Join(path, k))));
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryKeyTheLoaderAccepts_IsInTheSchema_AndEverySchemaKeyIsAccepted()
    {
        var config = Loader().Parse(FullConfig, "stagecraft.yml");
        var compared = new List<string>();

        Walk(JsonNode.Parse(FullConfig)!.AsObject(), Schema, string.Empty, (path, schemaKeys, _) =>
        {
            Assert.True(config.KnownKeys.TryGetValue(path, out var accepted), $"the loader never completed section '{path}'");
            Assert.Equal(schemaKeys.Order(StringComparer.Ordinal), accepted.Order(StringComparer.Ordinal));
            compared.Add(path);
        });

        Assert.Contains("cloud.providers.digitalocean.hosts.staging.app-1", compared);
        Assert.Contains("infra.bootstrap.ssh", compared);
        Assert.Contains("network.providers.tailscale.install", compared);
    }

    [Fact]
    public void AKeyTheSchemaLacks_IsRefusedByTheLoader()
    {
        var text = FullConfig.Replace("\"agent\": true", "\"agent\": true, \"forward_agent\": true", StringComparison.Ordinal);

        var error = Assert.Throws<ConfigException>(() => Loader().Parse(text, "stagecraft.yml"));

        Assert.Contains("infra.bootstrap.ssh.forward_agent: unknown key", error.Message, StringComparison.Ordinal);
    }

    private static ConfigLoader Loader() => new(
        new ProviderRegistry<ICloudProviderFactory>([new DigitalOceanProviderFactory()]),
        new ProviderRegistry<INetworkProviderFactory>([new TailscaleProviderFactory()]),
        "/home/test");

    /// <summary>
    /// Calls <paramref name="visit"/> for every object of <paramref name="instance"/> whose schema lists
    /// <c>properties</c> (a fixed set of keys), with its key path and those keys; map objects (environments, hosts,
    /// role tags) are walked through their <c>additionalProperties</c>.
    /// </summary>
    private static void Walk(JsonObject instance, JsonObject schema, string path, Action<string, IReadOnlyList<string>, JsonObject> visit)
    {
        schema = Resolve(schema);
        var properties = schema["properties"]?.AsObject();
        if (properties is not null)
        {
            visit(path, [.. properties.Select(p => p.Key)], instance);
        }

        foreach (var (key, value) in instance)
        {
            var child = properties?[key]?.AsObject() ?? (schema["additionalProperties"] as JsonObject);
            if (value is JsonObject nested && child is not null)
            {
                Walk(nested, child, Join(path, key), visit);
            }
        }
    }

    private static JsonObject Resolve(JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(Schema["$defs"]![reference["#/$defs/".Length..]]!.AsObject())
            : schema;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
