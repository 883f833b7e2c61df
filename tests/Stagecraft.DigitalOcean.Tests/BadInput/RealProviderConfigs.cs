using Stagecraft.Core.Configuration;
using Stagecraft.Core.Tests.BadInput;
using Stagecraft.Core.Providers;
using Stagecraft.Tailscale;

namespace Stagecraft.DigitalOcean.Tests.BadInput;

/// <summary>The Core loader with the real providers (DigitalOcean + Tailscale), a valid config template and the schema keys.</summary>
internal static class RealProviderConfigs
{
    /// <summary>Slots in <see cref="Template"/> and their valid values (written as double-quoted YAML).</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["project"] = "shop",
        ["token_env"] = "DIGITALOCEAN_TOKEN",
        ["env"] = "staging",
        ["host"] = "web-1",
        ["role"] = "web",
        ["auth_key_env"] = "TS_AUTHKEY",
        ["tailnet_domain"] = "example.ts.net",
        ["default_tag"] = "tag:stagecraft",
        ["role_tags_role"] = "web",
        ["role_tag"] = "tag:web",
        ["user"] = "deploy",
        ["private_key_path"] = "~/.ssh/id_ed25519",
        ["known_hosts_file"] = "~/.config/stagecraft/known_hosts",
    };

    public static readonly IReadOnlyList<string> Keys =
    [
        "project", "name", "cloud", "provider", "providers", "digitalocean", "token_env", "ssh_key_name", "api_url", "image",
        "regions", "sizes", "default_region", "default_size", "create_timeout", "hosts", "staging", "prod", "web-1", "db-1",
        "role", "size", "region", "network", "tailscale", "auth_key_env", "tailnet_domain", "default_tags", "role_tags", "web",
        "db", "install", "method", "min_version", "infra", "bootstrap", "ssh", "user", "port", "private_key_path",
        "known_hosts_file", "ready_timeout", "docker", "enabled", "install_method",
    ];

    private const string Template = """
        project:
          name: {project}
        cloud:
          provider: digitalocean
          providers:
            digitalocean:
              token_env: {token_env}
              ssh_key_name: deploy
              regions: [nyc3, ams3]
              sizes: [s-1vcpu-1gb, s-2vcpu-2gb]
              default_region: nyc3
              default_size: s-1vcpu-1gb
              create_timeout: 5m
              hosts:
                {env}:
                  {host}: { role: {role} }
                  db-1: { role: db, size: s-2vcpu-2gb }
                prod:
                  web-1: { role: web, region: ams3 }
        network:
          provider: tailscale
          providers:
            tailscale:
              auth_key_env: {auth_key_env}
              tailnet_domain: {tailnet_domain}
              default_tags: [{default_tag}]
              role_tags: { {role_tags_role}: [{role_tag}], db: ["tag:db"] }
              install: { method: auto, min_version: 1.60.0 }
        infra:
          bootstrap:
            ssh:
              user: {user}
              port: 22
              private_key_path: {private_key_path}
              known_hosts_file: {known_hosts_file}
              ready_timeout: 90s
            docker:
              enabled: true
              install_method: apt
        """;

    public static string Valid { get; } = With();

    /// <summary>The template with <paramref name="slot"/> set to <paramref name="value"/> (and every other slot valid).</summary>
    public static string With(string? slot = null, string? value = null)
    {
        var text = Template;
        foreach (var (name, valid) in Defaults)
        {
            text = text.Replace("{" + name + "}", Quote(name == slot ? value! : valid), StringComparison.Ordinal);
        }

        return text;
    }

    public static ConfigLoader Loader() =>
        new(
            new ProviderRegistry<ICloudProviderFactory>([new DigitalOceanProviderFactory()]),
            new ProviderRegistry<INetworkProviderFactory>([new TailscaleProviderFactory()]),
            "/home/op");

    public static StagecraftConfig Parse(string text) => Loader().Parse(text, YamlFuzz.File);

    /// <summary>A YAML double-quoted scalar: every character survives, control characters as escapes.</summary>
    public static string Quote(string value) =>
        "\"" + string.Concat(value.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\t' => "\\t",
            _ when char.IsControl(c) => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";
}
