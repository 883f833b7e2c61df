using Stagecraft.DigitalOcean.Configuration;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Configuration;

/// <summary>tags, monitoring, backups, ipv6 and user_data at the section, environment and host levels.</summary>
public sealed class DropletOptionsBinderTests : IDisposable
{
    private const string Head = """
        token_env: DO_TOKEN
        ssh_key_name: deploy-key
        default_region: fra1
        default_size: s-1vcpu-1gb

        """;

    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-options-").FullName;

    private string ConfigFile => Path.Combine(directory, "stagecraft.yml");

    [Fact]
    public void Bind_WhenNoOptionsAreSet_EveryHostHasNone()
    {
        var settings = ConfigText.BindValid(Head + "hosts:\n  staging:\n    app-1: { role: app }\n");

        Assert.Equal(DropletOptions.None, settings.FindDroplet("staging", "app-1")!.Options);
    }

    [Fact]
    public void Bind_WhenSetAtEachLevel_TheNearestLevelWinsPerKey()
    {
        var settings = ConfigText.BindValid(Head + """
            tags: [team-web]
            monitoring: true
            ipv6: true
            environments:
              prod:
                tags: [env-prod, pci]
                backups: true
            hosts:
              staging:
                app-1: { role: app }
                app-2: { role: app, monitoring: false, tags: [] }
              prod:
                app-1: { role: app }
                db-1: { role: db, tags: [db], ipv6: false }
            """);

        Assert.Equal(
            [
                "staging/app-1 team-web monitoring,ipv6",
                "staging/app-2  ipv6",
                "prod/app-1 env-prod,pci monitoring,backups,ipv6",
                "prod/db-1 db monitoring,backups",
            ],
            new[] { ("staging", "app-1"), ("staging", "app-2"), ("prod", "app-1"), ("prod", "db-1") }.Select(h => Describe(h.Item1, h.Item2, settings)));
    }

    [Fact]
    public void Bind_WhenTagsRepeatOrComeUnsorted_KeepsEachOnceSorted()
    {
        var settings = ConfigText.BindValid(Head + "hosts:\n  staging:\n    app-1: { role: app, tags: [web, api, web] }\n");

        Assert.Equal(["api", "web"], settings.FindDroplet("staging", "app-1")!.Options.Tags);
    }

    [Fact]
    public void Bind_WhenATagIsNoTagNameOrAMarkerTag_ReportsEachAtTheKey()
    {
        var (_, errors) = ConfigText.Bind(Head + """
            tags: [stagecraft]
            hosts:
              staging:
                app-1: { role: app, tags: ["has space"] }
                app-2: { role: app, tags: [stagecraft-env-prod] }
            """);

        Assert.Equal(
            [
                "stagecraft.yml:5:7: cloud.providers.digitalocean.tags: 'stagecraft' is a marker tag stagecraft sets itself; leave it out",
                "stagecraft.yml:8:31: cloud.providers.digitalocean.hosts.staging.app-1.tags: 'has space' is not a DigitalOcean tag name (letters, digits, ':', '-' and '_', at most 255 characters)",
                "stagecraft.yml:9:31: cloud.providers.digitalocean.hosts.staging.app-2.tags: 'stagecraft-env-prod' is a marker tag stagecraft sets itself; leave it out",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenUserDataIsRelative_ReadsItFromTheConfigDirectoryVerbatim()
    {
        Directory.CreateDirectory(Path.Combine(directory, "cloud-init"));
        var text = "#cloud-config\r\npackages: [htop]\n# ünïcode stays\n";
        File.WriteAllText(Path.Combine(directory, "cloud-init", "web.yml"), text);

        var (settings, errors) = ConfigText.Bind(Head + "hosts:\n  staging:\n    app-1: { role: app, user_data: cloud-init/web.yml }\n", ConfigFile);

        Assert.Empty(errors);
        var options = settings.FindDroplet("staging", "app-1")!.Options;
        Assert.Equal((Path.Combine(directory, "cloud-init", "web.yml"), text), (options.UserDataPath, options.UserData));
    }

    [Fact]
    public void Bind_WhenUserDataIsMissingADirectoryTooBigOrNotText_ReportsEach()
    {
        File.WriteAllBytes(Path.Combine(directory, "big.yml"), new byte[DropletOptionsReader.MaxUserDataBytes + 1]);
        File.WriteAllBytes(Path.Combine(directory, "binary.bin"), [0x1f, 0x8b, 0xff, 0xfe]);
        File.WriteAllText(Path.Combine(directory, "exact.yml"), new string('#', DropletOptionsReader.MaxUserDataBytes));

        var (_, errors) = ConfigText.Bind(Head + """
            hosts:
              staging:
                a: { role: app, user_data: nothing-here.yml }
                b: { role: app, user_data: . }
                c: { role: app, user_data: big.yml }
                d: { role: app, user_data: binary.bin }
                e: { role: app, user_data: exact.yml }
            """, ConfigFile);

        Assert.Equal(
            [
                $"{ConfigFile}:7:32: cloud.providers.digitalocean.hosts.staging.a.user_data: no file {directory}/nothing-here.yml (a path relative to the config file's directory)",
                $"{ConfigFile}:8:32: cloud.providers.digitalocean.hosts.staging.b.user_data: {directory} is a directory; give the cloud-init file",
                $"{ConfigFile}:9:32: cloud.providers.digitalocean.hosts.staging.c.user_data: {directory}/big.yml is 65537 bytes; DigitalOcean accepts at most 65536 (64 KiB)",
                $"{ConfigFile}:10:32: cloud.providers.digitalocean.hosts.staging.d.user_data: {directory}/binary.bin is not UTF-8 text (the API takes user_data as a string)",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenAnEnvironmentDefaultNamesNoDeclaredEnvironment_ReportsIt()
    {
        var (_, errors) = ConfigText.Bind(Head + """
            environments:
              prdo: { monitoring: true }
            hosts:
              prod:
                app-1: { role: app }
            """);

        Assert.Equal(["stagecraft.yml:6:3: cloud.providers.digitalocean.environments.prdo: environment 'prdo' declares no hosts under hosts.prdo"], errors);
    }

    [Fact]
    public void Bind_WhenAnOptionHasTheWrongType_ReportsIt()
    {
        var (_, errors) = ConfigText.Bind(Head + "hosts:\n  staging:\n    app-1: { role: app, monitoring: sometimes }\n");

        Assert.Single(errors, e => e.Contains("hosts.staging.app-1.monitoring", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Describe(string environment, string host, DigitalOceanSettings settings)
    {
        var options = settings.FindDroplet(environment, host)!.Options;
        var features = new[] { (options.Monitoring, "monitoring"), (options.Backups, "backups"), (options.Ipv6, "ipv6") }.Where(f => f.Item1).Select(f => f.Item2);
        return $"{environment}/{host} {string.Join(",", options.Tags)} {string.Join(",", features)}";
    }
}
