using Stagecraft.Core.Providers;
using Stagecraft.Tailscale.Commands;
using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests;

/// <summary>The leave before <c>infra down</c>: logout only a logged-in node; everything else is a reported outcome.</summary>
public sealed class TailscaleNetworkProviderLeaveTests
{
    private const string Version = "tailscale version";
    private const string Status = "tailscale status --json --peers=false";
    private const string Logout = "sudo -n tailscale logout";

    private static readonly RecordingSecretSource NoSecrets = new(throwOnRead: true);

    [Theory]
    [InlineData("Running")]
    [InlineData("Stopped")]
    [InlineData("NeedsMachineAuth")]
    public async Task LoggedInNode_LogsOut(string state)
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.RunningFixtureAs(state))
            .On(TailscaleCommands.Logout(), Results.Ok());

        var leave = await TestProvider.Create(NoSecrets).LeaveAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(NetworkLeave.Left, leave);
        Assert.Equal([Version, Status, Logout], session.Rendered);
        Assert.Empty(NoSecrets.Reads);
    }

    [Fact]
    public async Task TailscaleMissing_IsNothingToLeave()
    {
        var session = new RecordingRemoteSession().On(TailscaleCommands.Version(), Results.NotFound());

        var leave = await TestProvider.Create(NoSecrets).LeaveAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(new NetworkLeave(NetworkLeaveStatus.NotJoined, "tailscale is not installed"), leave);
        Assert.Equal([Version], session.Rendered);
    }

    [Theory]
    [InlineData("NeedsLogin")]
    [InlineData("NoState")]
    public async Task NotLoggedIn_IsNothingToLeave_AndNoLogoutRuns(string state)
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.NeedsLoginFixtureAs(state));

        var leave = await TestProvider.Create(NoSecrets).LeaveAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(new NetworkLeave(NetworkLeaveStatus.NotJoined, $"not logged in ({state})"), leave);
        Assert.Equal([Version, Status], session.Rendered);
    }

    [Fact]
    public async Task DaemonNotAnswering_IsAFailedLeave_SayingTheNodeStays()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Exit(1, "failed to connect to local tailscaled; it doesn't appear to be running"));

        var leave = await TestProvider.Create(NoSecrets).LeaveAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(NetworkLeaveStatus.Failed, leave.Status);
        Assert.Contains("it doesn't appear to be running", leave.Message, StringComparison.Ordinal);
        Assert.EndsWith("the node stays in the tailnet until you remove it in the admin console", leave.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableStatus_IsAFailedLeave()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Ok("not json"));

        var leave = await TestProvider.Create(NoSecrets).LeaveAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(NetworkLeaveStatus.Failed, leave.Status);
        Assert.Equal([Version, Status], session.Rendered);
    }

    [Fact]
    public async Task LogoutFailing_IsAFailedLeave_WithItsExitCodeAndLastLine()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"))
            .On(TailscaleCommands.Logout(), Results.Exit(1, "Access denied: logout access denied"));

        var leave = await TestProvider.Create(NoSecrets).LeaveAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(NetworkLeaveStatus.Failed, leave.Status);
        Assert.Contains("tailscale logout", leave.Message, StringComparison.Ordinal);
        Assert.Contains("Access denied: logout access denied", leave.Message, StringComparison.Ordinal);
    }
}
