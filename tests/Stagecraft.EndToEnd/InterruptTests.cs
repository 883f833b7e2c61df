using System.Text.RegularExpressions;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd;

/// <summary>Scenario 10: SIGINT while droplets are being created and while waiting for SSH; a re-run converges.</summary>
public sealed partial class InterruptTests
{
    private static readonly ConfigHost[] TwoApps = [new("app-1", "app"), new("app-2", "app")];

    [Fact]
    public async Task InfraUp_WhenInterruptedWhileCreating_ExitsInterruptedAndReRunConvergesWithoutDuplicates()
    {
        // The droplets would boot only after 10 minutes and create_timeout is 2m: an exit within the 30 s wait below
        // can only come from the interrupt cancelling the create wait (no wall-clock assertion needed).
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.84", "127.0.0.85"], TimeSpan.FromMinutes(10));
        world.WriteConfig(TwoApps);

        using var cli = world.StartInfraUp(["--output", "json"]);
        await Eventually.UntilAsync(() => world.CreateRequests() > 0 || cli.HasExited, TimeSpan.FromSeconds(30), "the CLI to POST /v2/droplets");
        Assert.False(cli.HasExited, "the CLI exited before it was interrupted");
        cli.Interrupt();
        var interrupted = await cli.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
        Assert.Equal("interrupted", interrupted.Report().GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(130, interrupted.Report().GetProperty("exit_code").GetInt32());
        Assert.Empty(world.Hosts);
        Assert.All(["app-1", "app-2"], name => Assert.Equal("skipped", interrupted.Host(name).GetProperty("bootstrap").GetProperty("status").GetString()));

        // The droplets finish booting (as they would on a real cloud while nobody watches); then a normal run.
        foreach (var droplet in world.Emulator.Droplets)
        {
            world.Emulator.SetStatus(droplet.Id, "active");
        }

        var rerun = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(["staging-app-1", "staging-app-2"], world.Emulator.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        foreach (var name in new[] { "app-1", "app-2" })
        {
            Assert.Equal("success", rerun.Host(name).GetProperty("bootstrap").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task InfraUp_WhenInterruptedWhileWaitingForSsh_ExitsInterruptedLeavesWholeKnownHostsLinesAndReRunConverges()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.86", "127.0.0.87"], TimeSpan.FromSeconds(1));
        world.OnActive("app-2", HostBehavior.NeverStarts);
        // app-2's sshd never starts and ready_timeout is 10m: an exit within the 30 s wait below can only come from
        // the interrupt cancelling the SSH wait (no wall-clock assertion needed).
        world.WriteConfig(TwoApps, new ConfigSettings { ReadyTimeout = "10m" });

        using var cli = world.StartInfraUp(["--output", "json"]);
        await Eventually.UntilAsync(
            () => cli.HasExited || (world.Hosts.TryGetValue("staging-app-1", out var host) && host.ExecLog().Count > 0),
            TimeSpan.FromSeconds(30),
            "the CLI to run a command on app-1 (so it waits for SSH on app-2)");
        Assert.False(cli.HasExited, "the CLI exited before it was interrupted");
        cli.Interrupt();
        var interrupted = await cli.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
        Assert.Equal("interrupted", interrupted.Report().GetProperty("error").GetProperty("kind").GetString());
        // app-2 was waiting for SSH: its wait is cancelled and it says so. app-1 either finished or was cancelled
        // mid-bootstrap, and then says that steps already done are kept.
        var app2Bootstrap = interrupted.Host("app-2").GetProperty("bootstrap");
        Assert.Equal("skipped", app2Bootstrap.GetProperty("status").GetString());
        Assert.Equal("interrupted during bootstrap; steps already done are kept, run again to finish", app2Bootstrap.GetProperty("message").GetString());
        var app1Bootstrap = interrupted.Host("app-1").GetProperty("bootstrap");
        Assert.Contains(
            (app1Bootstrap.GetProperty("status").GetString()!, app1Bootstrap.GetProperty("message").GetString()!),
            new[] { ("success", string.Empty), ("skipped", "interrupted during bootstrap; steps already done are kept, run again to finish") });
        Assert.Equal("created", interrupted.Host("app-2").GetProperty("provisioning").GetString());
        AssertKnownHostsHasOnlyWholeLines(world.KnownHostsPath);

        var app2 = world.Emulator.Droplets.Single(d => d.Name == "staging-app-2");
        await world.StartHostAsync(app2.Name, new TestHostOptions { Address = app2.PublicIp! });
        var rerun = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(2, world.Emulator.Droplets.Count);
        foreach (var name in new[] { "app-1", "app-2" })
        {
            Assert.Equal("unchanged", rerun.Host(name).GetProperty("provisioning").GetString());
            Assert.Equal("success", rerun.Host(name).GetProperty("bootstrap").GetProperty("status").GetString());
        }

        AssertKnownHostsHasOnlyWholeLines(world.KnownHostsPath);
        Assert.Equal(2, File.ReadAllLines(world.KnownHostsPath).Count(l => l.Length > 0 && !l.StartsWith('#')));
    }

    private static void AssertKnownHostsHasOnlyWholeLines(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var text = File.ReadAllText(path);
        if (text.Length == 0)
        {
            return;
        }

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text[..^1].Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            Assert.Matches(KnownHostsLine(), line);
        }
    }

    [GeneratedRegex(@"^\[127\.0\.0\.\d+\]:2222 ssh-ed25519 [A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex KnownHostsLine();
}
