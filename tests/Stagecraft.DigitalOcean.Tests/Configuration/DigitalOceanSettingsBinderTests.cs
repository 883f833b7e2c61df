using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Configuration;

public sealed class DigitalOceanSettingsBinderTests
{
    private const string Valid = """
        token_env: DO_TOKEN
        ssh_key_name: deploy-key
        default_region: fra1
        default_size: s-1vcpu-1gb
        hosts:
          staging:
            web-1: { role: web }
            app-1:
              role: app
              size: s-2vcpu-4gb
              region: ams3
          prod:
            app-1: { role: app }
        """;

    [Fact]
    public void Bind_WhenValid_ResolvesDefaultsAndSortsEnvironmentsAndHosts()
    {
        var settings = ConfigText.BindValid(Valid);

        Assert.Equal("DO_TOKEN", settings.TokenEnv);
        Assert.Equal("deploy-key", settings.SshKeyName);
        Assert.Equal(new Uri("https://api.digitalocean.com"), settings.ApiUrl);
        Assert.Equal("ubuntu-22-04-x64", settings.Image);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.CreateTimeout);
        Assert.Equal(["prod", "staging"], settings.Environments.Keys);
        Assert.Equal(["app-1", "web-1"], settings.Environments["staging"].Select(h => h.Name));
        Assert.Equal(["app", "web"], settings.Environments["staging"].Select(h => h.Role));
        Assert.Equal(8, settings.Environments["staging"][0].Mark.Line);
        var app = settings.FindDroplet("staging", "app-1")!;
        Assert.Equal(("s-2vcpu-4gb", "ams3", "ubuntu-22-04-x64"), (app.Size, app.Region, app.Image));
        var web = settings.FindDroplet("staging", "web-1")!;
        Assert.Equal(("s-1vcpu-1gb", "fra1"), (web.Size, web.Region));
    }

    [Fact]
    public void Bind_WhenOptionalKeysGiven_ReadsThem()
    {
        var settings = ConfigText.BindValid("""
            token_env: MY_DO_TOKEN
            ssh_key_name: deploy-key
            api_url: http://127.0.0.1:8080
            image: debian-12-x64
            regions: [fra1, ams3]
            sizes: [s-1vcpu-1gb]
            default_region: ams3
            default_size: s-1vcpu-1gb
            create_timeout: 90s
            hosts:
              staging:
                app-1: { role: app, region: fra1 }
            """);

        Assert.Equal(new Uri("http://127.0.0.1:8080"), settings.ApiUrl);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.CreateTimeout);
        var app = settings.FindDroplet("staging", "app-1")!;
        Assert.Equal(("s-1vcpu-1gb", "fra1", "debian-12-x64"), (app.Size, app.Region, app.Image));
    }

    [Fact]
    public void Bind_WhenRequiredKeysMissing_ReportsEach()
    {
        var (_, errors) = ConfigText.Bind("""
            default_size: s-1vcpu-1gb
            """);

        Assert.Equal(
            [
                "stagecraft.yml:1:1: cloud.providers.digitalocean.hosts: is required",
                "stagecraft.yml:1:1: cloud.providers.digitalocean.ssh_key_name: is required",
                "stagecraft.yml:1:1: cloud.providers.digitalocean.token_env: is required",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenTokenEnvIsNotAVariableName_ReportsWithoutEchoingTheValue()
    {
        var (_, errors) = ConfigText.Bind("""
            token_env: dop_v1_abc-def
            ssh_key_name: deploy-key
            default_region: fra1
            default_size: s-1vcpu-1gb
            hosts:
              staging:
                app-1: { role: app }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("stagecraft.yml:1:12: cloud.providers.digitalocean.token_env: looks like a secret, not the name of an environment variable (the value is not shown): give the NAME of the variable that holds it, e.g. DO_TOKEN, and export the secret in that variable", error);
        Assert.DoesNotContain("dop_v1_abc-def", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("api.digitalocean.com")]
    [InlineData("https://user:pw@api.digitalocean.com")]
    public void Bind_WhenApiUrlInvalid_Reports(string url)
    {
        var (_, errors) = ConfigText.Bind($"""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            api_url: {url}
            default_region: fra1
            default_size: s-1vcpu-1gb
            hosts:
              staging:
                app-1: {"{"} role: app {"}"}
            """);

        Assert.Equal(["stagecraft.yml:3:10: cloud.providers.digitalocean.api_url: must be an absolute http or https URL without credentials, query or fragment"], errors);
    }

    [Fact]
    public void Bind_WhenNamesAreNotDnsLabels_ReportsEnvironmentAndHost()
    {
        var (_, errors) = ConfigText.Bind("""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            default_region: fra1
            default_size: s-1vcpu-1gb
            hosts:
              Staging:
                app-1: { role: app }
              prod:
                app_1: { role: app }
                web-1: { role: Web }
            """);

        Assert.Equal(
            [
                "stagecraft.yml:6:3: cloud.providers.digitalocean.hosts.Staging: environment name must be a DNS label (lowercase letters, digits and '-', not starting or ending with '-', at most 63 characters)",
                "stagecraft.yml:9:5: cloud.providers.digitalocean.hosts.prod.app_1: host name must be a DNS label (lowercase letters, digits and '-', not starting or ending with '-', at most 63 characters)",
                "stagecraft.yml:10:20: cloud.providers.digitalocean.hosts.prod.web-1.role: must be a DNS label (lowercase letters, digits and '-', not starting or ending with '-', at most 63 characters)",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenResourceNameLongerThan63_Reports()
    {
        var longest = new string('a', 55);
        var tooLong = new string('b', 56);
        var (_, errors) = ConfigText.Bind($"""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            default_region: fra1
            default_size: s-1vcpu-1gb
            hosts:
              staging:
                {longest}: {"{"} role: app {"}"}
                {tooLong}: {"{"} role: app {"}"}
            """);

        Assert.Equal([$"stagecraft.yml:8:5: cloud.providers.digitalocean.hosts.staging.{tooLong}: droplet name 'staging-{tooLong}' is 64 characters; '<env>-<host>' must be at most 63"], errors);
    }

    [Fact]
    public void Bind_WhenRoleSizeAndRegionMissing_ReportsEachAtTheHost()
    {
        var (_, errors) = ConfigText.Bind("""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            hosts:
              staging:
                app-1:
                  size: s-1vcpu-1gb
                web-1: { role: web }
            """);

        Assert.Equal(
            [
                "stagecraft.yml:5:5: cloud.providers.digitalocean.hosts.staging.app-1: no region: set hosts.staging.app-1.region or default_region",
                "stagecraft.yml:6:7: cloud.providers.digitalocean.hosts.staging.app-1.role: is required",
                "stagecraft.yml:7:5: cloud.providers.digitalocean.hosts.staging.web-1: no region: set hosts.staging.web-1.region or default_region",
                "stagecraft.yml:7:5: cloud.providers.digitalocean.hosts.staging.web-1: no size: set hosts.staging.web-1.size or default_size",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenValuesOutsideAllowLists_ReportsHostAndDefaults()
    {
        var (_, errors) = ConfigText.Bind("""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            regions: [fra1, ams3]
            sizes: [s-1vcpu-1gb, s-2vcpu-4gb]
            default_region: nyc3
            default_size: s-1vcpu-1gb
            hosts:
              staging:
                app-1: { role: app, size: s-8vcpu-16gb, region: fra1 }
            """);

        Assert.Equal(
            [
                "stagecraft.yml:5:17: cloud.providers.digitalocean.default_region: must be one of regions: fra1, ams3 (got 'nyc3')",
                "stagecraft.yml:9:31: cloud.providers.digitalocean.hosts.staging.app-1.size: must be one of sizes: s-1vcpu-1gb, s-2vcpu-4gb (got 's-8vcpu-16gb')",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenNoHosts_Reports()
    {
        var (_, errors) = ConfigText.Bind("""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            default_region: fra1
            default_size: s-1vcpu-1gb
            hosts: {}
            staging_hosts: 1
            """);

        Assert.Equal(
            [
                "stagecraft.yml:5:8: cloud.providers.digitalocean.hosts: must declare at least one environment with at least one host",
                "stagecraft.yml:6:1: cloud.providers.digitalocean.staging_hosts: unknown key (expected one of: api_url, backups, create_timeout, default_region, default_size, delete_timeout, environments, firewall, hosts, image, ipv6, monitoring, project, regions, request_timeout, sizes, ssh_key_name, ssh_keys, tags, token_env, user_data, vpc)",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenEnvironmentEmpty_Reports()
    {
        var (_, errors) = ConfigText.Bind("""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            default_region: fra1
            default_size: s-1vcpu-1gb
            hosts:
              staging:
              prod: {}
            """);

        Assert.Equal(
            [
                "stagecraft.yml:6:3: cloud.providers.digitalocean.hosts.staging: must declare at least one host",
                "stagecraft.yml:7:3: cloud.providers.digitalocean.hosts.prod: must declare at least one host",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenUnknownKeyInHost_Reports()
    {
        var (_, errors) = ConfigText.Bind("""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            default_region: fra1
            default_size: s-1vcpu-1gb
            create_timeout: soon
            hosts:
              staging:
                app-1: { role: app, sise: s-1vcpu-1gb }
            """);

        Assert.Equal(
            [
                "stagecraft.yml:5:17: cloud.providers.digitalocean.create_timeout: must be a positive duration such as 90s, 5m or 1h",
                "stagecraft.yml:8:25: cloud.providers.digitalocean.hosts.staging.app-1.sise: unknown key; did you mean size? (expected one of: backups, ipv6, monitoring, project, region, role, size, ssh_keys, tags, user_data, vpc)",
            ],
            errors);
    }
}
