using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh.Tests;

public sealed class CloudInitInterpretationTests
{
    private readonly RecordingDiagnostics diagnostics = new();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void InterpretCloudInit_WhenDoneOrDegraded_IsReady(int exitCode)
    {
        var result = SshReadinessProbe.InterpretCloudInit(new RemoteResult(exitCode, ".\nstatus: done\n", string.Empty), "203.0.113.10:22", diagnostics);

        Assert.Equal(ReadinessResult.Ready, result);
        Assert.Empty(diagnostics.Messages);
    }

    [Fact]
    public void InterpretCloudInit_WhenDoneWithErrors_IsReadyAndNoted()
    {
        var result = SshReadinessProbe.InterpretCloudInit(new RemoteResult(1, "status: error\n", string.Empty), "203.0.113.10:22", diagnostics);

        Assert.Equal(ReadinessResult.Ready, result);
        Assert.Equal(["ssh 203.0.113.10:22: cloud-init finished with errors (exit 1); see `cloud-init status --long` on the host"], diagnostics.Messages);
    }

    [Fact]
    public void InterpretCloudInit_WhenNoCloudInit_IsReadyAndNoted()
    {
        var result = SshReadinessProbe.InterpretCloudInit(new RemoteResult(127, string.Empty, "timeout: failed to run command 'cloud-init': No such file or directory\n"), "203.0.113.10:22", diagnostics);

        Assert.Equal(ReadinessResult.Ready, result);
        Assert.Equal(["ssh 203.0.113.10:22: no cloud-init on this image; not waiting for first boot"], diagnostics.Messages);
    }

    [Fact]
    public void InterpretCloudInit_WhenTimeoutExpires_IsNotReady()
    {
        Assert.Equal(
            ReadinessResult.NotReady("cloud-init still running after 15m"),
            SshReadinessProbe.InterpretCloudInit(new RemoteResult(124, "....", string.Empty), "203.0.113.10:22", diagnostics));
        Assert.Equal(
            ReadinessResult.NotReady("cloud-init still running after 15m"),
            SshReadinessProbe.InterpretCloudInit(new RemoteResult(-1, string.Empty, string.Empty, TimedOut: true), "203.0.113.10:22", diagnostics));
    }

    [Fact]
    public void InterpretCloudInit_WhenOtherExitCode_IsNotReadyWithDescription()
    {
        var result = SshReadinessProbe.InterpretCloudInit(new RemoteResult(126, string.Empty, "timeout: failed to run command 'cloud-init': Permission denied\n"), "203.0.113.10:22", diagnostics);

        Assert.Equal(
            ReadinessResult.NotReady("cloud-init status --wait failed on 203.0.113.10:22: exit 126: timeout: failed to run command 'cloud-init': Permission denied"),
            result);
    }

    [Fact]
    public void CloudInitWait_RendersAsTimeout900()
    {
        Assert.Equal("timeout 900 cloud-init status --wait", RemoteCommandRenderer.Render(SshReadinessProbe.CloudInitWait, userIsRoot: false));
    }
}
