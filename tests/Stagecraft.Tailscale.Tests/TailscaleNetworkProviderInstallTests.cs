using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Tailscale.Commands;
using Stagecraft.Tailscale.Configuration;
using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests;

public sealed class TailscaleNetworkProviderInstallTests
{
    private const string Version = "tailscale version";
    private const string Status = "tailscale status --json --peers=false";
    private const string Start = "sudo -n systemctl enable --now tailscaled";

    private static readonly string Install = Core.Remote.RemoteCommandRenderer.Render(TailscaleCommands.Install(), userIsRoot: false);
    private static readonly RecordingSecretSource NoSecrets = new(throwOnRead: true);

    [Fact]
    public async Task EnsureInstalledAsync_WhenInstalledNewEnoughAndRunning_RunsOnlyReadOnlyCommands()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-needslogin.json"));

        var result = await TestProvider.Create(NoSecrets, minVersion: new Version(1, 60, 0))
            .EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Empty(result.Actions);
        Assert.Equal([Version, Status], session.Rendered);
        Assert.Empty(NoSecrets.Reads);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenMissing_InstallsThroughAptAndReportsVersion()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.NotFound(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Install(), Results.Ok())
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-needslogin.json"));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["installed tailscale 1.94.2"], result.Actions);
        Assert.Equal([Version, Install, Version, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenShellSaysNotFoundWithOtherExit_TreatsAsMissing()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Exit(1, "bash: line 1: tailscale: command not found"))
            .On(TailscaleCommands.Install(), Results.Ok());

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal("tailscale is still not installed after the apt install", result.Message);
        Assert.Equal([Version, Install, Version], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenMissingAndMethodSkip_FailsWithoutInstalling()
    {
        var session = new RecordingRemoteSession().On(TailscaleCommands.Version(), Results.NotFound());

        var result = await TestProvider.Create(NoSecrets, method: TailscaleInstallMethod.Skip)
            .EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal("tailscale is not installed and install.method is skip", result.Message);
        Assert.Equal([Version], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenOlderThanMinVersionAndMethodSkip_FailsNamingBothVersions()
    {
        var session = new RecordingRemoteSession().On(TailscaleCommands.Version(), Results.Version("1.50.0-t1234abcd-g5678"));

        var result = await TestProvider.Create(NoSecrets, method: TailscaleInstallMethod.Skip, minVersion: new Version(1, 60, 0))
            .EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal("tailscale 1.50.0 is older than min_version 1.60.0", result.Message);
        Assert.Equal([Version], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenOlderThanMinVersion_UpgradesThroughApt()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Version("1.50.0"), Results.Version("1.94.2-t0a29cf18b-g3f044c9f6"))
            .On(TailscaleCommands.Install(), Results.Ok())
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"));

        var result = await TestProvider.Create(NoSecrets, minVersion: new Version(1, 60, 0))
            .EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["upgraded tailscale from 1.50.0 to 1.94.2"], result.Actions);
        Assert.Equal([Version, Install, Version, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenEqualToMinVersion_DoesNotUpgrade()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Version("1.60.0"))
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-running.json"));

        var result = await TestProvider.Create(NoSecrets, minVersion: new Version(1, 60, 0))
            .EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal([Version, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenStillTooOldAfterInstall_Fails()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Version("1.50.0"), Results.Version("1.58.2"))
            .On(TailscaleCommands.Install(), Results.Ok());

        var result = await TestProvider.Create(NoSecrets, minVersion: new Version(1, 60, 0))
            .EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal("tailscale 1.58.2 is still older than min_version 1.60.0 after the apt install", result.Message);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenInstallFails_ReportsExitAndLastLine()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.NotFound())
            .On(TailscaleCommands.Install(), Results.Exit(100, "Reading package lists...\nE: Unable to locate package tailscale\n"));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal("tailscale install failed (exit 100): E: Unable to locate package tailscale", result.Message);
        Assert.Equal([Version, Install], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenInstallTimesOut_SaysSo()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.NotFound())
            .On(TailscaleCommands.Install(), new Core.Remote.RemoteResult(-1, string.Empty, string.Empty, TimedOut: true));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal("tailscale install timed out", result.Message);
    }

    [Theory]
    [InlineData("garbage\n", "could not read the tailscale version from 'garbage'")]
    [InlineData("", "tailscale version printed nothing")]
    [InlineData("1.94\n  tailscale commit: abc\n", "could not read the tailscale version from '1.94'")]
    public async Task EnsureInstalledAsync_WhenVersionOutputIsUnreadable_FailsInstall(string output, string message)
    {
        var session = new RecordingRemoteSession().On(TailscaleCommands.Version(), Results.Ok(output));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal(message, result.Message);
        Assert.Equal([Version], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenVersionFailsOtherwise_ReportsExit()
    {
        var session = new RecordingRemoteSession().On(TailscaleCommands.Version(), Results.Exit(126, "sh: 1: tailscale: Permission denied"));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal("tailscale version failed (exit 126): sh: 1: tailscale: Permission denied", result.Message);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenDaemonIsDown_StartsItAndRereadsStatus()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Exit(1, Results.DaemonDown), Results.Exit(1, Results.DaemonDown), Results.Fixture("tailscale-status-needslogin.json"))
            .On(TailscaleCommands.Start(), Results.Ok());
        var time = new FakeTimeProvider();

        var result = await FakeClock.RunAsync(time, () => TestProvider.Create(NoSecrets, time).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["started tailscaled"], result.Actions);
        Assert.Equal([Version, Status, Start, Status, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenDaemonNeverAnswers_FailsAfterTheWait()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Exit(1, Results.DaemonDown))
            .On(TailscaleCommands.Start(), Results.Ok());
        var time = new FakeTimeProvider();
        var started = time.GetUtcNow();

        var result = await FakeClock.RunAsync(time, () => TestProvider.Create(NoSecrets, time).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None));

        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal($"tailscaled is not answering 30s after systemctl enable --now tailscaled: {Results.DaemonDown}", result.Message);
        Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
        Assert.InRange(session.Rendered.Count(c => c == Status), 4, 12);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenStartFails_ReportsIt()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Exit(1, Results.DaemonDown))
            .On(TailscaleCommands.Start(), Results.Exit(1, "sudo: a password is required"));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.NetworkInstallFailed, result.ErrorCode);
        Assert.Equal("systemctl enable --now tailscaled failed (exit 1): sudo: a password is required", result.Message);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenStatusFailsForAnotherReason_DoesNotStartDaemon()
    {
        var session = new RecordingRemoteSession()
            .On(TailscaleCommands.Version(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Status(), Results.Exit(2, "flag provided but not defined: -peers"));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.Equal("tailscale status failed (exit 2): flag provided but not defined: -peers", result.Message);
        Assert.Equal([Version, Status], session.Rendered);
    }

    [Fact]
    public async Task EnsureInstalledAsync_WhenRoot_RunsPrivilegedCommandsWithoutSudo()
    {
        var session = new RecordingRemoteSession(userIsRoot: true)
            .On(TailscaleCommands.Version(), Results.NotFound(), Results.Fixture("tailscale-version.txt"))
            .On(TailscaleCommands.Install(), Results.Ok())
            .On(TailscaleCommands.Status(), Results.Fixture("tailscale-status-needslogin.json"));

        var result = await TestProvider.Create(NoSecrets).EnsureInstalledAsync(session, TestProvider.Web1, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(session.Rendered, c => c.Contains("sudo", StringComparison.Ordinal));
        Assert.StartsWith("env DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a sh -c ", session.Rendered[1], StringComparison.Ordinal);
    }
}
