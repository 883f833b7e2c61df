using Stagecraft.Core.Configuration;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Hosts;

/// <summary>
/// The host keys every provider shares, read by Core for a provider other than DigitalOcean (the fake one), with that
/// provider's own limits: role, tags (marker tags refused) and user_data, nearest level first.
/// </summary>
public sealed class HostKeysReaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-hostkeys-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private StagecraftConfig Load(string cloudSection)
    {
        var yaml = TestConfig.Valid.Replace("    fakecloud:\n", $"    fakecloud:\n{cloudSection}", StringComparison.Ordinal);
        var path = Path.Combine(directory, "stagecraft.yml");
        File.WriteAllText(path, yaml);
        return TestConfig.Loader().Load(path);
    }

    private IReadOnlyList<string> Errors(string cloudSection)
    {
        var ex = Assert.Throws<ConfigException>(() => Load(cloudSection));
        return [.. ex.Message.Split('\n')];
    }

    [Fact]
    public void TagsAndUserData_AreTheHostsOwn_ElseTheSections()
    {
        File.WriteAllText(Path.Combine(directory, "init.yml"), "#cloud-config\n");
        var config = Load("      tags: [team-web]\n      user_data: init.yml\n");

        var host = config.CloudSettings.Environments["staging"].Single(h => h.Name == "app-1");

        Assert.Equal(["team-web"], host.Shared.Tags);
        Assert.Equal(Path.Combine(directory, "init.yml"), host.Shared.UserData!.Path);
        Assert.Equal("#cloud-config\n", host.Shared.UserData.Text);
    }

    [Fact]
    public void TheProvidersOwnLimits_ApplyToTheSharedKeys()
    {
        File.WriteAllText(Path.Combine(directory, "big.yml"), new string('#', (16 * 1024) + 1));

        var errors = Errors("      tags: [Team_Web, stagecraft]\n      user_data: big.yml\n");

        Assert.Contains(errors, e => e.Contains("tags: 'Team_Web' is not a fakecloud tag (lowercase letters, digits, ':' and '-')", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("tags: 'stagecraft' is a marker tag stagecraft sets itself; leave it out", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"user_data: {Path.Combine(directory, "big.yml")} is 16385 bytes; fakecloud accepts at most 16384 (16 KiB)", StringComparison.Ordinal));
    }

    [Fact]
    public void UserData_ThatIsADirectoryMissingOrNotUtf8_IsRefusedAtItsKey()
    {
        Directory.CreateDirectory(Path.Combine(directory, "dir"));
        File.WriteAllBytes(Path.Combine(directory, "latin1.yml"), [0xE9, 0x0A]);

        Assert.Contains(Errors("      user_data: dir\n"), e => e.Contains("is a directory; give the cloud-init file", StringComparison.Ordinal));
        Assert.Contains(Errors("      user_data: none.yml\n"), e => e.Contains("(a path relative to the config file's directory)", StringComparison.Ordinal));
        Assert.Contains(Errors("      user_data: latin1.yml\n"), e => e.Contains("is not UTF-8 text", StringComparison.Ordinal));
    }

    [Fact]
    public void Placement_IsTheHostsOwnElseTheSectionDefault_WithTheKeyItCameFrom()
    {
        var yaml = TestConfig.Valid.Replace("web-2: { role: app }", "web-2: { role: app, size: big }", StringComparison.Ordinal);
        var path = Path.Combine(directory, "placement.yml");
        File.WriteAllText(path, yaml.Replace("    fakecloud:\n", "    fakecloud:\n      default_size: small\n      default_region: north\n      sizes: [small, big]\n", StringComparison.Ordinal));

        var hosts = TestConfig.Loader().Load(path).CloudSettings.Environments["staging"];

        var web = hosts.Single(h => h.Name == "web-2").Placement!;
        var app = hosts.Single(h => h.Name == "app-1").Placement!;
        Assert.Equal(("big", "north", "fake-image-1"), (web.Size, web.Region, web.Image));
        Assert.Equal("cloud.providers.fakecloud.hosts.staging.web-2.size", web.SizeKey);
        Assert.Equal(("small", "cloud.providers.fakecloud.default_size", "cloud.providers.fakecloud.default_region"), (app.Size, app.SizeKey, app.RegionKey));
    }

    [Fact]
    public void Placement_OutsideTheAllowList_OrMissing_IsAnErrorAtItsKey()
    {
        var errors = Errors("      sizes: [small]\n      default_region: north\n").ToList();
        var yaml = TestConfig.Valid.Replace("web-2: { role: app }", "web-2: { role: app, size: huge }", StringComparison.Ordinal);
        var path = Path.Combine(directory, "allowed.yml");
        File.WriteAllText(path, yaml.Replace("    fakecloud:\n", "    fakecloud:\n      sizes: [small]\n      default_size: small\n", StringComparison.Ordinal));
        var disallowed = Assert.Throws<ConfigException>(() => TestConfig.Loader().Load(path)).Message;

        Assert.Contains(errors, e => e.Contains("cloud.providers.fakecloud.hosts.staging.app-1: no size: set hosts.staging.app-1.size or default_size", StringComparison.Ordinal));
        Assert.Contains("cloud.providers.fakecloud.hosts.staging.web-2.size: must be one of sizes: small (got 'huge')", disallowed, StringComparison.Ordinal);
        Assert.Contains("no region: set hosts.staging.web-2.region or default_region", disallowed, StringComparison.Ordinal);
    }
}
