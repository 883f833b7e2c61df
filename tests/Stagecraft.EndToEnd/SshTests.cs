using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd;

/// <summary>Scenarios 5–7: a changed host key, sshd late or never, a non-root user with sudo.</summary>
public sealed class SshTests
{
    [Fact]
    public async Task InfraUp_WhenHostKeyChangedSinceFirstRun_FailsThatHostWithoutRunningAnything()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.70", "127.0.0.71"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
        var first = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var host = world.Host("app-1");
        var pinned = host.HostPublicKey;
        Assert.Contains($"[127.0.0.70]:2222 {pinned}", File.ReadAllText(world.KnownHostsPath), StringComparison.Ordinal);

        await host.RekeyAsync();
        var mark = HostLogs.Mark(host);
        var second = await world.RunInfraUpAsync("--output", "json");

        Assert.True(second.ExitCode == 10, second.ToString());
        var bootstrap = second.Host("app-1").GetProperty("bootstrap");
        Assert.Equal("failed", bootstrap.GetProperty("status").GetString());
        Assert.Equal("ssh_failed", bootstrap.GetProperty("error_code").GetString());
        var message = bootstrap.GetProperty("message").GetString()!;
        Assert.NotEqual(pinned, host.HostPublicKey);
        Assert.Contains(HostKeyFingerprint.Sha256(pinned), message, StringComparison.Ordinal);
        Assert.Contains(HostKeyFingerprint.Sha256(host.HostPublicKey), message, StringComparison.Ordinal);
        Assert.Contains(world.KnownHostsPath, message, StringComparison.Ordinal);
        Assert.Empty(mark.ExecSince(host));
        Assert.Empty(mark.CommandsSince(host));
        Assert.Equal("success", second.Host("db-1").GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.Contains($"[127.0.0.70]:2222 {pinned}", File.ReadAllText(world.KnownHostsPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfraUp_WhenSshdStartsLate_WaitsForItAndBootstraps()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.72"], TimeSpan.FromSeconds(1));
        world.OnActive("app-1", HostBehavior.Default with { StartDelay = TimeSpan.FromSeconds(5) });
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("success", run.Host("app-1").GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.Equal(world.AuthKey, world.Host("app-1").ReadState("tailscale/received-authkey")?.Trim());
    }

    [Fact]
    public async Task InfraUp_WhenSshdNeverStarts_FailsThatHostAfterTheReadyTimeout()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.73", "127.0.0.74"], TimeSpan.FromSeconds(1));
        world.OnActive("app-1", HostBehavior.NeverStarts);
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")], new ConfigSettings { ReadyTimeout = "5s" });

        var started = DateTimeOffset.UtcNow;
        var run = await world.RunInfraUpAsync("--output", "json");
        var elapsed = DateTimeOffset.UtcNow - started;
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 10, run.ToString());
        var bootstrap = run.Host("app-1").GetProperty("bootstrap");
        Assert.Equal("failed", bootstrap.GetProperty("status").GetString());
        Assert.Equal("ssh_failed", bootstrap.GetProperty("error_code").GetString());
        Assert.Contains("127.0.0.73", bootstrap.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(elapsed >= TimeSpan.FromSeconds(5), $"gave up after {elapsed}, before ready_timeout (5s)");
        Assert.Equal("success", run.Host("db-1").GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.False(world.Hosts.ContainsKey("staging-app-1"));
    }

    [Fact]
    public async Task InfraUp_WhenUserIsDeployWithSudo_RunsPrivilegedCommandsThroughSudo()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.76"], TimeSpan.FromSeconds(1));
        world.OnActive("app-1", new HostBehavior { Options = address => new TestHostOptions { Address = address, User = "deploy" } });
        world.WriteConfig([new("app-1", "app")], new ConfigSettings { SshUser = "deploy" });

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("success", run.Host("app-1").GetProperty("bootstrap").GetProperty("status").GetString());
        var exec = world.Host("app-1").ExecLog();
        var privileged = exec.Where(c => c.Contains("apt-get", StringComparison.Ordinal) || c.Contains("tailscale up", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(privileged);
        Assert.All(privileged, c => Assert.StartsWith("sudo -n ", c, StringComparison.Ordinal));
        Assert.Equal(world.AuthKey, world.Host("app-1").ReadState("tailscale/received-authkey")?.Trim());
        var steps = run.Host("app-1").GetProperty("bootstrap").GetProperty("steps").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("added deploy to the docker group (effective from the next login)", steps);
        Assert.Single(exec, c => c.Contains("usermod", StringComparison.Ordinal));

        // A new login is in the group and runs docker without sudo; a re-run checks and changes nothing.
        var docker = await world.Host("app-1").RunSshAsync("docker version --format '{{json .}}'");
        Assert.True(docker.ExitCode == 0, docker.StandardError);
        var rerun = await world.RunInfraUpAsync("--output", "json");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("deploy is in the docker group", rerun.Host("app-1").GetProperty("bootstrap").GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        Assert.Single(world.Host("app-1").ExecLog(), c => c.Contains("usermod", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InfraUp_WhenSudoNeedsAPassword_FailsWithSudosMessage()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.77"], TimeSpan.FromSeconds(1));
        world.OnActive("app-1", new HostBehavior
        {
            Options = address => new TestHostOptions { Address = address, User = "deploy", SudoRequiresPassword = true },
        });
        world.WriteConfig([new("app-1", "app")], new ConfigSettings { SshUser = "deploy" });

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 10, run.ToString());
        var bootstrap = run.Host("app-1").GetProperty("bootstrap");
        Assert.Equal("failed", bootstrap.GetProperty("status").GetString());
        Assert.Contains("sudo: a password is required", bootstrap.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(world.Host("app-1").CommandsLog(), RecordedCommand.IsAptInstall);
    }
}
