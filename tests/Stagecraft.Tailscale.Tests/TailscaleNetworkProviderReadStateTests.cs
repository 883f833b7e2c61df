using Stagecraft.Core.Remote;
using Stagecraft.Tailscale.Commands;
using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests;

/// <summary><c>ReadStateAsync</c> (for <c>infra status</c>): one unprivileged status read, nothing else, whatever the state.</summary>
public sealed class TailscaleNetworkProviderReadStateTests
{
    private const string Status = "tailscale status --json --peers=false";

    private static async Task<(Core.Providers.MeshState State, RecordingRemoteSession Session, RecordingSecretSource Secrets)> ReadAsync(RemoteResult result, Core.Hosts.Host? host = null)
    {
        var secrets = new RecordingSecretSource(throwOnRead: true);
        var session = new RecordingRemoteSession().On(TailscaleCommands.Status(), result);
        var state = await TestProvider.Create(secrets).ReadStateAsync(session, host ?? TestProvider.Web1, CancellationToken.None);
        return (state, session, secrets);
    }

    [Fact]
    public async Task ReadStateAsync_WhenRunningInTheTailnet_ReportsTailnetHostnameFqdnTagsOnline_NoProblems()
    {
        var (state, session, secrets) = await ReadAsync(Results.Fixture("tailscale-status-running.json"));

        Assert.Equal("Running", state.State);
        Assert.Equal(TestProvider.Tailnet, state.Network);
        Assert.Equal("web-1", state.HostName);
        Assert.Equal("web-1.tail4a7c2e.ts.net", state.Fqdn);
        Assert.Equal(["tag:server", "tag:stagecraft"], state.Tags);
        Assert.True(state.Online);
        Assert.Empty(state.Problems);
        Assert.Equal([Status], session.Rendered);
        Assert.False(session.Commands[0].Privileged);
        Assert.Empty(secrets.Reads);
    }

    [Fact]
    public async Task ReadStateAsync_WhenInAnotherTailnet_SaysWhichAndChangesNothing()
    {
        var (state, session, _) = await ReadAsync(Results.Fixture("tailscale-status-other-tailnet.json"));

        Assert.Equal("tail9f8e7d.ts.net", state.Network);
        Assert.Empty(state.Tags);
        Assert.Equal(["in tailnet tail9f8e7d.ts.net, expected tail4a7c2e.ts.net"], state.Problems);
        Assert.Equal([Status], session.Rendered);
    }

    [Fact]
    public async Task ReadStateAsync_WhenLoggedOut_IsNotLoggedIn()
    {
        var (state, session, _) = await ReadAsync(Results.Fixture("tailscale-status-needslogin.json"));

        Assert.Equal("NeedsLogin", state.State);
        Assert.False(state.Online);
        Assert.Equal(["not logged in (BackendState NeedsLogin): stagecraft infra up joins it"], state.Problems);
        Assert.Equal([Status], session.Rendered);
    }

    [Theory]
    [InlineData("NeedsMachineAuth", "awaiting admin approval in the tailnet admin console")]
    [InlineData("Stopped", "not running (BackendState Stopped)")]
    [InlineData("Starting", "not running (BackendState Starting)")]
    public async Task ReadStateAsync_WhenNotRunning_NamesTheState(string backendState, string problem)
    {
        var (state, _, _) = await ReadAsync(Results.RunningFixtureAs(backendState));

        Assert.Equal(backendState, state.State);
        Assert.Equal([problem], state.Problems);
    }

    [Fact]
    public async Task ReadStateAsync_WhenOfflineOrUnderAnotherHostname_SaysSo()
    {
        var offline = Fixtures.Remote("tailscale-status-running.json").Replace("\"Online\": true", "\"Online\": false", StringComparison.Ordinal);

        var (state, _, _) = await ReadAsync(Results.Ok(offline), TestProvider.Web1 with { ResourceName = "staging-web-1" });

        Assert.False(state.Online);
        Assert.Equal(["hostname web-1, expected staging-web-1", "offline: not connected to the control plane"], state.Problems);
    }

    [Fact]
    public async Task ReadStateAsync_WhenNotInstalled_DaemonDown_OrFailing_IsUnreadable_WithoutInstallingOrStarting()
    {
        var missing = await ReadAsync(Results.NotFound());
        var down = await ReadAsync(Results.Exit(1, Results.DaemonDown));
        var failing = await ReadAsync(Results.Exit(2, "boom"));
        var garbage = await ReadAsync(Results.Ok("not json"));

        Assert.Equal(["tailscale is not installed"], missing.State.Problems);
        Assert.Equal(["tailscaled is not running"], down.State.Problems);
        Assert.Equal(["tailscale status failed (exit 2): boom"], failing.State.Problems);
        Assert.Single(garbage.State.Problems);
        Assert.StartsWith("tailscale status --json returned invalid JSON", garbage.State.Problems[0], StringComparison.Ordinal);
        Assert.All([missing, down, failing, garbage], r => Assert.Equal([Status], r.Session.Rendered));
        Assert.Equal(string.Empty, missing.State.State);
    }
}
