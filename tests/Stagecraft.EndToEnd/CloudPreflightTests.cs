using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd;

/// <summary>
/// The account preflight through the real CLI: what the account would refuse stops the run before the first create,
/// so no host is created while another is refused. IPs 127.0.9.3–6.
/// </summary>
public sealed class CloudPreflightTests
{
    [Fact]
    public async Task InfraUp_WhenOneHostsSizeIsNotOfferedInItsRegion_CreatesNoHostAtAll()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.9.3", "127.0.9.4"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app"), new("db-1", "db", Size: "m-2vcpu-16gb", Region: "ams3")]);

        var run = await world.RunInfraUpAsync("--output", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        var report = run.Report();
        var finding = Assert.Single(report.GetProperty("error").GetProperty("findings").EnumerateArray());
        Assert.Equal("cloud", finding.GetProperty("scope").GetString());
        Assert.Contains(".hosts.staging.db-1.size: size 'm-2vcpu-16gb' is not offered in region 'ams3'", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["db-1"], finding.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
        var hosts = report.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(["app-1", "db-1"], hosts.Select(h => h.GetProperty("name").GetString()));
        Assert.All(hosts, h => Assert.Equal("failed", h.GetProperty("provisioning").GetString()));
        Assert.Equal(0, world.CreateRequests());
        Assert.All(world.Emulator.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Empty(world.Emulator.Droplets);
    }

    [Fact]
    public async Task InfraUpDryRun_ShowsSizeRegionAndImageOfEachHostToCreateAndTheSameFindings()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.9.5"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app", Region: "fra1"), new("db-1", "db", Size: "c-2", Region: "blr1")]);

        var run = await world.RunInfraUpAsync("--dry-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("size 'c-2' is not offered in region 'blr1' (it is offered in ams3, fra1, lon1, nyc1, nyc3, sfo3, sgp1, tor1)", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.Contains("s-2vcpu-4gb", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("fra1", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ubuntu-22-04-x64", run.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(world.Emulator.Droplets);
    }

    [Fact]
    public async Task InfraUp_WhenTheAccountKeyIsNotTheLoginKey_CreatesNothingAndSaysNewHostsWouldBeUnreachable()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.9.6"], TimeSpan.FromSeconds(1));
        var other = await TestClientKey.CreateAsync(Path.Combine(world.Directory, "other"));
        world.WriteConfig([new("app-1", "app")], new ConfigSettings { PrivateKeyPath = other.PrivateKeyPath });

        var run = await world.RunInfraUpAsync("--output", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        var message = Assert.Single(run.Report().GetProperty("error").GetProperty("findings").EnumerateArray()).GetProperty("message").GetString()!;
        Assert.Contains("ssh_key_name: the account key 'deploy-key'", message, StringComparison.Ordinal);
        Assert.Contains($"key {other.PrivateKeyPath}: MD5 ", message, StringComparison.Ordinal);
        Assert.Contains("so new hosts would refuse the login", message, StringComparison.Ordinal);
        Assert.Equal(0, world.CreateRequests());
    }
}
