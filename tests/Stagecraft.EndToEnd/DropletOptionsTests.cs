using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>Droplet options through the real CLI on real test hosts. IPs 127.0.13.1–3.</summary>
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

    [Fact]
    public async Task InfraUp_WithAVpcAndAProjectByName_CreatesTheDropletInThem_BootstrapsIt_AndARerunIsUnchanged()
    {
        const string Vpc = "2c5a8f3e-0b4f-4c2e-9e1a-6d1f0a7c1b10";
        const string Project = "6f5c0a8e-2b1d-4c3e-9f4a-1a2b3c4d5e6f";
        await using var world = await EndToEndWorld.CreateAsync(
            ["127.0.13.3"],
            TimeSpan.FromSeconds(1),
            o => o with { Vpcs = [new DoEmulator.EmulatorVpc(Vpc, "e2e-nyc1", "nyc1")], Projects = [new DoEmulator.EmulatorProject(Project, "e2e")] });
        world.WriteConfig([new("app-1", "app", Options: "vpc: e2e-nyc1, project: e2e")]);

        var first = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("success", first.Host("app-1").GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.Equal(Vpc, world.Emulator.Droplets.Single().VpcUuid);
        Assert.Equal(Project, world.Emulator.ProjectOf(world.Emulator.Droplets.Single().Id));

        var before = world.Emulator.Requests.Count;
        var second = await world.RunInfraUpAsync("--output", "json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("unchanged", second.Host("app-1").GetProperty("provisioning").GetString());
        Assert.All(world.Emulator.Requests.Skip(before), r => Assert.Equal("GET", r.Method));
    }
}
