using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>Droplet options through the real CLI on real test hosts. IPs 127.0.13.1–2.</summary>
public sealed class DropletOptionsTests
{
    [Fact]
    public async Task InfraUp_WithOptions_CreatesDropletsWithThemAndARerunMakesNoMutatingRequest()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.13.1", "127.0.13.2"], TimeSpan.FromSeconds(1));
        const string CloudInit = "#cloud-config\npackages: [htop]\n";
        Directory.CreateDirectory(Path.Combine(world.Directory, "cloud-init"));
        File.WriteAllText(Path.Combine(world.Directory, "cloud-init", "app.yml"), CloudInit);
        world.WriteConfig(
        [
            new("app-1", "app", Options: "tags: [web, team-a], monitoring: true, user_data: cloud-init/app.yml"),
            new("db-1", "db", Options: "backups: true, ipv6: true"),
        ]);

        var dryRun = await world.RunInfraUpAsync("--dry-run");
        var first = await world.RunInfraUpAsync();

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("tags team-a, web; features monitoring; user_data ", dryRun.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("features backups, ipv6", dryRun.StandardOutput, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 0, first.ToString());
        var app = world.Emulator.Droplets.Single(d => d.Name == "staging-app-1");
        var db = world.Emulator.Droplets.Single(d => d.Name == "staging-db-1");
        Assert.Equal(["stagecraft", "stagecraft-env-staging", "team-a", "web"], app.Tags.Order(StringComparer.Ordinal));
        Assert.Equal((true, false, false, CloudInit), (app.Monitoring, app.Backups, app.Ipv6, app.UserData));
        Assert.Equal((false, true, true, (string?)null), (db.Monitoring, db.Backups, db.Ipv6, db.UserData));

        var before = world.Emulator.Requests.Count;
        var second = await world.RunInfraUpAsync("--output", "json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.All(second.Report().GetProperty("hosts").EnumerateArray(), h => Assert.Equal("unchanged", h.GetProperty("provisioning").GetString()));
        Assert.All(world.Emulator.Requests.Skip(before), r => Assert.Equal("GET", r.Method));
        Assert.Equal(2, world.Emulator.Droplets.Count);
    }
}
