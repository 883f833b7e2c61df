using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd;

/// <summary>Scenarios 2–4: hosts that are already bootstrapped, fail to install Docker, or sit in another tailnet.</summary>
public sealed class HostStateTests
{
    [Fact]
    public async Task InfraUp_WhenHostIsAlreadyBootstrapped_ReportsUnchangedAndInstallsNothing()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.64"], TimeSpan.FromSeconds(1));
        var droplet = world.Emulator.SeedDroplet("staging-app-1", ["stagecraft", "stagecraft-env-staging"]);
        Assert.Equal("127.0.0.64", droplet.PublicIp);
        var host = await world.StartHostAsync(droplet.Name, new TestHostOptions
        {
            Address = "127.0.0.64",
            PreinstallDocker = true,
            PreinstallTailscale = true,
            PreinstallTailnet = EndToEndWorld.TailnetDomain,
            PreinstallTags = ["tag:app", "tag:stagecraft"],
            PreinstallHostname = "staging-app-1",
        });
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Host("app-1");
        Assert.Equal("unchanged", report.GetProperty("provisioning").GetString());
        Assert.Equal("success", report.GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.Equal("staging-app-1.example.ts.net", report.GetProperty("mesh_fqdn").GetString());
        Assert.Equal(0, world.CreateRequests());
        Assert.NotEmpty(host.ExecLog());
        var commands = host.CommandsLog();
        Assert.DoesNotContain(commands, RecordedCommand.IsAptInstall);
        Assert.DoesNotContain(commands, c => RecordedCommand.IsTailscale(c, "up"));
        Assert.DoesNotContain(commands, c => RecordedCommand.IsTailscale(c, "logout"));
        Assert.Null(host.ReadState("tailscale/received-authkey"));
    }

    [Fact]
    public async Task InfraUp_WhenDockerInstallFailsOnOneHost_ReportsItAndBootstrapsTheOther()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.65", "127.0.0.66"], TimeSpan.FromSeconds(1));
        world.OnActive("app-1", new HostBehavior
        {
            Options = address => new TestHostOptions { Address = address, Faults = [TestHostFaults.DockerInstallFail] },
        });
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 10, run.ToString());
        var failed = run.Host("app-1").GetProperty("bootstrap");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("docker_install_failed", failed.GetProperty("error_code").GetString());
        var message = failed.GetProperty("message").GetString()!;
        Assert.Contains("exit 100", message, StringComparison.Ordinal);
        Assert.Contains("Unable to locate package docker-ce", message, StringComparison.Ordinal);
        Assert.Equal("created", run.Host("app-1").GetProperty("provisioning").GetString());
        Assert.Equal("success", run.Host("db-1").GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.Equal(1, run.Report().GetProperty("summary").GetProperty("bootstrap_failed").GetInt32());
        Assert.Equal(10, run.Report().GetProperty("exit_code").GetInt32());
        Assert.False(world.Host("app-1").StateExists("docker/running"));
        Assert.True(world.Host("db-1").StateExists("docker/running"));
    }

    [Fact]
    public async Task InfraUp_WhenHostIsInAnotherTailnet_FailsWithoutMovingTheNode()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.67"], TimeSpan.FromSeconds(1));
        world.OnActive("app-1", new HostBehavior
        {
            Options = address => new TestHostOptions
            {
                Address = address,
                PreinstallDocker = true,
                PreinstallTailscale = true,
                PreinstallTailnet = "other.ts.net",
                PreinstallTags = ["tag:app", "tag:stagecraft"],
                PreinstallHostname = "staging-app-1",
            },
        });
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 10, run.ToString());
        var bootstrap = run.Host("app-1").GetProperty("bootstrap");
        Assert.Equal("failed", bootstrap.GetProperty("status").GetString());
        Assert.Equal("network_join_failed", bootstrap.GetProperty("error_code").GetString());
        Assert.StartsWith("host is in tailnet other", bootstrap.GetProperty("message").GetString(), StringComparison.Ordinal);
        var host = world.Host("app-1");
        var commands = host.CommandsLog();
        Assert.DoesNotContain(commands, c => RecordedCommand.IsTailscale(c, "up"));
        Assert.DoesNotContain(commands, c => RecordedCommand.IsTailscale(c, "logout"));
        Assert.Equal("other.ts.net", host.ReadState("tailscale/tailnet")?.Trim());
        Assert.Null(host.ReadState("tailscale/received-authkey"));
    }
}
