using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Secrets;
using Stagecraft.Tailscale.Commands;
using Stagecraft.Tailscale.Tests.Fakes;
using FakeRemote = Stagecraft.Core.Testing.FakeRemote;

namespace Stagecraft.Tailscale.Tests;

/// <summary>
/// EnsureInstalledAsync then EnsureJoinedAsync on one session, as the bootstrap engine calls them: the install step's
/// successful status read is the join's first read (one SSH round trip fewer), used once, by that session only.
/// </summary>
public sealed class TailscaleNetworkProviderStatusReuseTests
{
    private const string Version = "tailscale version";
    private const string Status = "tailscale status --json --peers=false";
    private const string Start = "sudo -n systemctl enable --now tailscaled";
    private const string UpWithKey = "sudo -n tailscale up --reset --auth-key=file:/dev/stdin --hostname=web-1 --advertise-tags=tag:server,tag:stagecraft --timeout=120s";
    private const string OtherTailnet =
        "host is in tailnet tail9f8e7d.ts.net, expected tail4a7c2e.ts.net (stagecraft never moves a node; run 'sudo tailscale logout' on the host to let it join)";

    // Not shaped like a Tailscale key, so only the value-based scrubbing could hide it.
    private const string UniqueKey = "k3y-6b1f0c2e-UNIQUE-9a8d";

    private static readonly Secret AnyKey = new("placeholder");

    private static readonly string Install = RemoteCommandRenderer.Render(TailscaleCommands.Install(), userIsRoot: false);

    [Fact]
    public async Task EnsureJoinedAsync_AfterInstallWhenAlreadyJoined_ReadsStatusOnce()
    {
        var secrets = new RecordingSecretSource(throwOnRead: true);
        var diagnostics = new RecordingDiagnostics();
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"));
        var provider = TestProvider.Create(secrets, diagnostics: diagnostics);

        var installed = await provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);
        var joined = await provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);

        Assert.True(installed.Succeeded, installed.Message);
        Assert.True(joined.Succeeded, joined.Message);
        Assert.Empty(installed.Actions);
        Assert.Empty(joined.Actions);
        Assert.Equal([Version, Status], session.Rendered);
        Assert.Empty(secrets.Reads);
        Assert.Equal(
            ["tailscale status: Running, tailnet 'tail4a7c2e.ts.net', hostname 'web-1', tags [tag:server, tag:stagecraft], health: none"],
            diagnostics.Messages);
    }

    [Fact]
    public async Task EnsureJoinedAsync_AfterInstallSawStarting_RereadsAfterAWait()
    {
        var time = new FakeTimeProvider();
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.RunningFixtureAs("Starting"), Results.Fixture("tailscale-status-running.json"));
        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true), time);

        var installed = await provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);
        var joinStarted = time.GetUtcNow();
        var joined = await FakeClock.RunAsync(time, () => provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None));

        Assert.True(installed.Succeeded, installed.Message);
        Assert.True(joined.Succeeded, joined.Message);
        Assert.Empty(joined.Actions);
        Assert.Equal([Version, Status, Status], session.Rendered);
        Assert.True(time.GetUtcNow() - joinStarted >= TimeSpan.FromSeconds(1), "the re-read waits the settle interval, as a fresh Starting read does");
    }

    [Fact]
    public async Task EnsureJoinedAsync_AfterInstallStayedStarting_FailsAfterTheWaitAsBefore()
    {
        var time = new FakeTimeProvider();
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.RunningFixtureAs("Starting"));
        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true), time);

        await provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);
        var joined = await FakeClock.RunAsync(time, () => provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None));

        Assert.Equal(BootstrapErrorCodes.NetworkJoinFailed, joined.ErrorCode);
        Assert.Equal("tailscale stayed in Starting for 20s", joined.Message);
        Assert.InRange(session.Rendered.Count(c => c == Status), 3, 10);
    }

    [Fact]
    public async Task EnsureJoinedAsync_AfterInstallStartedTheDaemon_UsesTheReadThatFoundItAnswering()
    {
        var time = new FakeTimeProvider();
        var secrets = new RecordingSecretSource(new() { [TestProvider.KeyEnv] = UniqueKey });
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(
                TailscaleCommands.Status(),
                Results.Exit(1, Results.DaemonDown),
                Results.Exit(1, Results.DaemonDown),
                Results.Fixture("tailscale-status-needslogin.json"),
                Results.Fixture("tailscale-status-running.json"))
            .On(TailscaleCommands.Start(), Results.Ok())
            .On(TailscaleCommands.Up("web-1", TestProvider.Tags, AnyKey, TimeSpan.FromSeconds(120)), Results.Ok());
        var provider = TestProvider.Create(secrets, time);

        var installed = await FakeClock.RunAsync(time, () => provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None));
        var joined = await provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);

        Assert.Equal(["started tailscaled"], installed.Actions);
        Assert.Equal(["joined tailnet tail4a7c2e.ts.net as web-1 with tags tag:server, tag:stagecraft"], joined.Actions);
        Assert.Equal([Version, Status, Start, Status, Status, UpWithKey, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureJoinedAsync_CalledTwiceAfterOneInstall_ReadsStatusAgainTheSecondTime()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"));
        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true));

        await provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);
        var first = await provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);
        var second = await provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(second.Succeeded, second.Message);
        Assert.Equal([Version, Status, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureJoinedAsync_WhenAJoinFailedBeforeRunningAnything_DoesNotLeaveTheReadForTheNext()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"), Results.Fixture("tailscale-status-other-tailnet.json"));
        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true));

        await provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);
        var invalid = await provider.EnsureJoinedAsync(session, TestProvider.Web1, ["server; reboot"], CancellationToken.None);
        var next = await provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.NetworkJoinFailed, invalid.ErrorCode);
        Assert.Equal(OtherTailnet, next.Message);
        Assert.Equal([Version, Status, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureJoinedAsync_WhenALaterInstallOnTheSessionFailed_ReadsStatusItself()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"), Results.Exit(126, "sh: 1: tailscale: Permission denied"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"), Results.Fixture("tailscale-status-other-tailnet.json"));
        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true));

        var ok = await provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);
        var failed = await provider.EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);
        var joined = await provider.EnsureJoinedAsync(session, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);

        Assert.True(ok.Succeeded, ok.Message);
        Assert.Equal("tailscale version failed (exit 126): sh: 1: tailscale: Permission denied", failed.Message);
        Assert.Equal(OtherTailnet, joined.Message);
        Assert.Equal([Version, Status, Version, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureJoinedAsync_WhenInstallRanOnAnotherSession_ReadsStatusItself()
    {
        var installedOn = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"));
        var other = new RecordingRemoteSession().On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-other-tailnet.json"));
        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true));

        await provider.EnsureInstalledAsync(installedOn, TestProvider.Web1, CancellationToken.None);
        var otherJoined = await provider.EnsureJoinedAsync(other, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);
        var joined = await provider.EnsureJoinedAsync(installedOn, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);

        Assert.Equal(OtherTailnet, otherJoined.Message);
        Assert.Equal([Status], other.Rendered);
        Assert.True(joined.Succeeded, joined.Message);
        Assert.Equal([Version, Status], installedOn.Rendered);
    }

    [Fact]
    public async Task EnsureJoinedAsync_WhenTwoHostsInterleave_EachUsesItsOwnRead()
    {
        var secrets = new RecordingSecretSource(new() { [TestProvider.KeyEnv] = UniqueKey });
        var fresh = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-needslogin.json"), Results.Fixture("tailscale-status-running.json"))
            .On(TailscaleCommands.Up("web-1", TestProvider.Tags, AnyKey, TimeSpan.FromSeconds(120)), Results.Ok());
        var joined = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"));
        var provider = TestProvider.Create(secrets);

        await provider.EnsureInstalledAsync(fresh, TestProvider.Web1, CancellationToken.None);
        await provider.EnsureInstalledAsync(joined, TestProvider.Web1, CancellationToken.None);
        var joinedResult = await provider.EnsureJoinedAsync(joined, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);
        var freshResult = await provider.EnsureJoinedAsync(fresh, TestProvider.Web1, TestProvider.Tags, CancellationToken.None);

        Assert.True(joinedResult.Succeeded, joinedResult.Message);
        Assert.Empty(joinedResult.Actions);
        Assert.Equal([Version, Status], joined.Rendered);
        Assert.Equal(["joined tailnet tail4a7c2e.ts.net as web-1 with tags tag:server, tag:stagecraft"], freshResult.Actions);
        Assert.Equal([Version, Status, UpWithKey, Status], fresh.Rendered);
    }

    [Fact]
    public async Task EnsureJoinedAsync_WhenManyHostsShareTheProviderInParallel_EachUsesOnlyItsOwnRead()
    {
        // Even hosts are joined under their own hostname; odd hosts sit in another tailnet. A read that reached another
        // host would show up as a `tailscale set --hostname`, a wrong outcome or an extra command.
        var remote = new FakeRemote();
        var hosts = Enumerable.Range(1, 16)
            .Select(i => TestProvider.Web1 with { Name = $"web-{i}", ResourceName = $"web-{i}", PublicIp = $"203.0.113.{i}" })
            .ToList();
        foreach (var (host, index) in hosts.Select((h, i) => (h, i)))
        {
            remote.Overrides[(host.Name, "tailscale version")] = Results.Fixture("tailscale-version.txt");
            remote.Overrides[(host.Name, "tailscale status")] = index % 2 == 1
                ? Results.Ok(Fixtures.Remote("tailscale-status-running.json").Replace("web-1", host.ResourceName, StringComparison.Ordinal))
                : Results.Fixture("tailscale-status-other-tailnet.json");
        }

        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true));
        var sessions = await Task.WhenAll(hosts.Select(h => remote.ConnectAsync(h, CancellationToken.None)));

        // Every host's read is waiting in the provider before any host joins.
        var installed = await Task.WhenAll(hosts.Select((h, i) => Task.Run(() => provider.EnsureInstalledAsync(sessions[i], h, CancellationToken.None))));
        var joined = await Task.WhenAll(hosts.Select((h, i) => Task.Run(() => provider.EnsureJoinedAsync(sessions[i], h, TestProvider.Tags, CancellationToken.None))));

        Assert.All(installed, r => Assert.True(r.Succeeded, r.Message));
        for (var i = 0; i < hosts.Count; i++)
        {
            var name = hosts[i].Name;
            Assert.Equal([Version, Status], remote.CommandsFor(name));
            if (i % 2 == 1)
            {
                Assert.True(joined[i].Succeeded, $"{name}: {joined[i].Message}");
                Assert.Empty(joined[i].Actions);
            }
            else
            {
                Assert.Equal(BootstrapErrorCodes.NetworkJoinFailed, joined[i].ErrorCode);
                Assert.Equal(OtherTailnet, joined[i].Message);
            }
        }

        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }
    }

    [Fact]
    public async Task EnsureJoinedAsync_WhenEachHostRunsInstallThenJoinInParallel_EachUsesOnlyItsOwnRead()
    {
        var remote = new FakeRemote();
        var hosts = Enumerable.Range(1, 16)
            .Select(i => TestProvider.Web1 with { Name = $"web-{i}", ResourceName = $"web-{i}", PublicIp = $"203.0.113.{i}" })
            .ToList();
        foreach (var host in hosts)
        {
            remote.Overrides[(host.Name, "tailscale version")] = Results.Fixture("tailscale-version.txt");
            remote.Overrides[(host.Name, "tailscale status")] =
                Results.Ok(Fixtures.Remote("tailscale-status-running.json").Replace("web-1", host.ResourceName, StringComparison.Ordinal));
        }

        var provider = TestProvider.Create(new RecordingSecretSource(throwOnRead: true));

        // The fake answers synchronously, so without this gate each host could finish before the next starts: every
        // host holds its read in the provider before any host joins.
        var installedCount = 0;
        var allInstalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcomes = await Task.WhenAll(hosts.Select(h => Task.Run(() => BootstrapAsync(remote, provider, h, async () =>
        {
            if (Interlocked.Increment(ref installedCount) == hosts.Count)
            {
                allInstalled.SetResult();
            }

            await allInstalled.Task;
        }))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.All(outcomes, o => Assert.Empty(o.Actions));
        Assert.All(hosts, h => Assert.Equal([Version, Status], remote.CommandsFor(h.Name)));
    }

    /// <summary>The bootstrap engine's network steps for one host on its own session.</summary>
    private static async Task<StepResult> BootstrapAsync(FakeRemote remote, TailscaleNetworkProvider provider, Host host, Func<Task> betweenSteps)
    {
        var session = await remote.ConnectAsync(host, CancellationToken.None);
        await using (session.ConfigureAwait(false))
        {
            var installed = await provider.EnsureInstalledAsync(session, host, CancellationToken.None);
            await betweenSteps();
            return installed.Succeeded ? await provider.EnsureJoinedAsync(session, host, TestProvider.Tags, CancellationToken.None) : installed;
        }
    }
}
