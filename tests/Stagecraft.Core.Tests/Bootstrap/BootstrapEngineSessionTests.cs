using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Bootstrap;

/// <summary>Which session a host's bootstrap runs on (the probe's, or a new one) and that it is always disposed.</summary>
public sealed class BootstrapEngineSessionTests
{
    private readonly FakeRemote remote = new();
    private readonly FakeNetwork network = new();
    private readonly FakeNetworkSettings networkSettings = new(["tag:stagecraft"], new Dictionary<string, IReadOnlyList<string>>(), "example.ts.net");

    private static Host Host(string name) =>
        new(name, "staging-" + name, "2147483701", "app", "203.0.113.10", ["stagecraft", "stagecraft-env-staging"]);

    private BootstrapEngine Engine() =>
        new(remote.Create(new SshSettings("root", 22, "/k", "/kh", TimeSpan.FromMinutes(5))), network, networkSettings, new DockerSettings(true, DockerInstallMethod.Apt), NullProgressReporter.Instance);

    [Fact]
    public async Task Bootstrap_WhenProbeHandsOverSession_RunsOnItAndNeverConnects()
    {
        remote.HandOverSessions = true;
        remote.DockerInstalled["app-1"] = true;

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcome.Status);
        Assert.Empty(remote.Connects);
        Assert.Equal(["app-1 via readiness"], remote.SessionsOpened);
        Assert.Equal(["cat /etc/os-release", RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: true)], remote.CommandsFor("app-1"));
        Assert.Equal(["app-1 via readiness"], remote.SessionsDisposed);
    }

    [Fact]
    public async Task Bootstrap_WhenProbeHandsOverNoSession_ConnectsThroughTheFactoryAndDisposesIt()
    {
        remote.DockerInstalled["app-1"] = true;

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcome.Status);
        Assert.Equal(["app-1"], remote.Connects);
        Assert.Equal(["app-1 via connect"], remote.SessionsOpened);
        Assert.Equal(["cat /etc/os-release", RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: true)], remote.CommandsFor("app-1"));
        Assert.Equal(["app-1 via connect"], remote.SessionsDisposed);
    }

    [Fact]
    public async Task Bootstrap_WhenStepFailsOnHandedOverSession_DisposesIt()
    {
        remote.HandOverSessions = true;
        remote.Overrides[("app-1", "docker-ce")] = new RemoteResult(100, string.Empty, "E: Unable to locate package docker-ce");

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("docker_install_failed", "docker install (apt) failed (exit 100: E: Unable to locate package docker-ce)"), outcome);
        Assert.Empty(remote.Connects);
        Assert.Equal(["app-1 via readiness"], remote.SessionsDisposed);
    }

    [Fact]
    public async Task Bootstrap_WhenHandedOverConnectionDrops_IsSshFailedAndDisposesIt()
    {
        remote.HandOverSessions = true;
        remote.DropConnectionOn[("app-1", "cat /etc/os-release")] = true;

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("ssh_failed", "connection to 203.0.113.10:22 lost while running a command"), outcome);
        Assert.Empty(remote.Connects);
        Assert.Equal(["app-1 via readiness"], remote.SessionsDisposed);
    }

    [Fact]
    public async Task Bootstrap_WhenCancelledAsTheSessionIsHandedOver_ThrowsAndDisposesIt()
    {
        remote.HandOverSessions = true;
        using var cts = new CancellationTokenSource();
        remote.OnReadiness = _ => cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine().BootstrapHostAsync(Host("app-1"), cts.Token));

        Assert.Empty(remote.Connects);
        Assert.Empty(remote.CommandsFor("app-1"));
        Assert.Equal(["app-1 via readiness"], remote.SessionsOpened);
        Assert.Equal(["app-1 via readiness"], remote.SessionsDisposed);
    }

    [Fact]
    public async Task Run_WhenInterruptedAfterHandOver_HostIsInterruptedAndEverySessionDisposed()
    {
        remote.HandOverSessions = true;
        using var cts = new CancellationTokenSource();
        remote.OnReadiness = name =>
        {
            if (name == "app-2")
            {
                cts.Cancel();
            }
        };

        var outcomes = await Engine().RunAsync([Host("app-1"), Host("app-2"), Host("app-3")], 1, cts.Token);

        Assert.Equal(BootstrapStatus.Success, outcomes["app-1"].Status);
        Assert.Equal(BootstrapOutcome.Interrupted, outcomes["app-2"]);
        Assert.Equal(BootstrapOutcome.NotStarted, outcomes["app-3"]);
        Assert.Empty(remote.Connects);
        Assert.Equal(["app-1 via readiness", "app-2 via readiness"], remote.SessionsOpened);
        Assert.Equal(["app-1 via readiness", "app-2 via readiness"], remote.SessionsDisposed);
    }

    [Fact]
    public async Task Bootstrap_WhenNotReady_IsSshFailedWithTheProbesMessageAndOpensNothing()
    {
        remote.HandOverSessions = true;
        remote.NotReady["app-1"] = "no SSH on 203.0.113.10:22 after 5m: connection refused";

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("ssh_failed", "no SSH on 203.0.113.10:22 after 5m: connection refused"), outcome);
        Assert.Empty(remote.Connects);
        Assert.Empty(remote.SessionsOpened);
    }

    [Fact]
    public async Task Bootstrap_WhenFallbackConnectFails_IsSshFailedWithItsMessage()
    {
        remote.ConnectFailures["app-1"] = "host key for 203.0.113.10:22 changed";

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("ssh_failed", "host key for 203.0.113.10:22 changed"), outcome);
        Assert.Equal(["app-1"], remote.Connects);
        Assert.Empty(remote.SessionsOpened);
        Assert.Empty(remote.SessionsDisposed);
    }
}
