using System.Diagnostics;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>
/// Fault matrix, SSH row "a remote command that hangs". One host's package database is a named pipe with no writer,
/// so the fake <c>apt-get install</c> blocks on it; <c>infra.bootstrap.ssh.command_timeout: 5s</c> caps the install's
/// own (long) timeout, so that host fails with a timeout and the other host bootstraps. IPs 127.0.0.180–127.0.0.181.
/// </summary>
public sealed class HangingCommandTests
{
    private const string HangingAddress = "127.0.0.180";
    private const string HealthyAddress = "127.0.0.181";

    [Fact]
    public async Task InfraUp_WhenARemoteCommandHangsPastCommandTimeout_FailsThatHostWithATimeoutAndBootstrapsTheOther()
    {
        await using var world = await EndToEndWorld.CreateAsync([HangingAddress, HealthyAddress], TimeSpan.FromSeconds(1));
        // Both hosts are up before their droplets exist, at the addresses the droplets will get.
        world.OnActive("app-1", HostBehavior.NeverStarts);
        world.OnActive("db-1", HostBehavior.NeverStarts);
        var hanging = await world.StartHostAsync("hanging", new TestHostOptions { Address = HangingAddress });
        var healthy = await world.StartHostAsync("healthy", new TestHostOptions { Address = HealthyAddress });
        await MakeFifoAsync(Path.Combine(hanging.StateDirectory, "dpkg", "installed"));
        var config = world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
        AddCommandTimeout(config, "5s");

        using var process = world.StartInfraUp(["--output", "json"]);
        var run = await process.WaitAsync(TimeSpan.FromSeconds(60));

        // Public IPs are handed out in create order, which may interleave: find which host got the hanging address.
        var hangingHost = HostAt(world, HangingAddress);
        var healthyHost = HostAt(world, HealthyAddress);
        Assert.True(run.ExitCode == 10, run.ToString());
        Assert.Equal(10, run.Report().GetProperty("exit_code").GetInt32());
        var bootstrap = run.Host(hangingHost).GetProperty("bootstrap");
        Assert.Equal("failed", bootstrap.GetProperty("status").GetString());
        Assert.Equal("docker_install_failed", bootstrap.GetProperty("error_code").GetString());
        Assert.Contains("timed out", bootstrap.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("created", run.Host(hangingHost).GetProperty("provisioning").GetString());
        Assert.True("success" == run.Host(healthyHost).GetProperty("bootstrap").GetProperty("status").GetString(), run.ToString());
        Assert.Contains(hanging.CommandsLog(), RecordedCommand.IsAptInstall);
        Assert.False(hanging.StateExists("docker/running"));
        Assert.True(healthy.StateExists("docker/running"), "docker is not running on the healthy host");
        OneDropletPerHost(world, "app-1", "db-1");
    }

    private static string HostAt(EndToEndWorld world, string address)
    {
        var droplet = Assert.Single(world.Emulator.Droplets, d => d.PublicIp == address);
        return droplet.Name[(EndToEndWorld.Environment.Length + 1)..];
    }

    /// <summary>Adds <c>command_timeout</c> under <c>ssh:</c> of the config the world wrote.</summary>
    private static void AddCommandTimeout(string configPath, string value)
    {
        var lines = File.ReadAllLines(configPath).ToList();
        var ready = lines.FindIndex(l => l.TrimStart().StartsWith("ready_timeout:", StringComparison.Ordinal));
        Assert.True(ready >= 0, "the generated config has no ready_timeout line");
        var indent = lines[ready][..(lines[ready].Length - lines[ready].TrimStart().Length)];
        lines.Insert(ready + 1, $"{indent}command_timeout: {value}");
        File.WriteAllLines(configPath, lines);
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start("mkfifo", ["-m", "0666", path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
