using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh.Tests;

/// <summary>The readiness probe against real sshd test hosts (real time: these are real network waits).</summary>
public sealed class SshReadinessProbeTests : IAsyncLifetime
{
    private readonly RecordingDiagnostics diagnostics = new();
    private TestHostContext context = null!;

    public async Task InitializeAsync() => context = await TestHostContext.CreateAsync();

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task WaitUntilReadyAsync_WhenHostUp_RunsTrueThenWaitsForCloudInit()
    {
        var host = await context.StartHostAsync("127.0.0.110");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var result = await probe.WaitUntilReadyAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        await using (result.Session!)
        {
            Assert.True(result.IsReady);
            Assert.Equal(string.Empty, result.Message);
            Assert.Equal(["true </dev/null", "timeout 900 cloud-init status --wait </dev/null"], host.ExecLog());
            Assert.Equal($"[127.0.0.110]:2222 {host.HostPublicKey}\n", File.ReadAllText(context.KnownHostsFile));
        }
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenReady_HandsOverTheConnectionItProved()
    {
        var host = await context.StartHostAsync("127.0.0.109");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var result = await probe.WaitUntilReadyAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        var session = Assert.IsType<SshRemoteSession>(result.Session);
        await using (session)
        {
            Assert.True(session.UserIsRoot);
            Assert.Equal(new RemoteResult(0, "handed over\n", string.Empty), await session.RunAsync(new RemoteCommand(["echo", "handed over"]), CancellationToken.None));
            Assert.Equal(1, SshConnections.OpenTo(host));
        }

        Assert.Equal(0, SshConnections.OpenTo(host));
        Assert.Equal(1, SshConnections.AcceptedLogins(host));
        Assert.Equal(["true </dev/null", "timeout 900 cloud-init status --wait </dev/null", "echo 'handed over' </dev/null"], host.ExecLog());
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenCloudInitFails_IsNotReadyAndClosesTheConnection()
    {
        var host = await context.StartHostAsync("127.0.0.121");
        TestHostShims.Replace(host, "cloud-init", "#!/bin/sh\necho 'cloud-init: status unknown' >&2\nexit 3\n");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var result = await probe.WaitUntilReadyAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        Assert.Equal(ReadinessResult.NotReady("cloud-init status --wait failed on 127.0.0.121:2222: exit 3: cloud-init: status unknown"), result);
        Assert.Null(result.Session);
        Assert.Equal(0, SshConnections.OpenTo(host));
        Assert.Equal(1, SshConnections.AcceptedLogins(host));
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenCancelledDuringCloudInitWait_ThrowsAndClosesTheConnection()
    {
        var host = await context.StartHostAsync("127.0.0.122");
        TestHostShims.Replace(host, "cloud-init", "#!/bin/sh\nexec sleep 600\n");
        using var cancellation = new CancellationTokenSource();
        diagnostics.OnMessage = message =>
        {
            if (message == "ssh 127.0.0.122:2222: run timeout 900 cloud-init status --wait </dev/null")
            {
                // Ctrl-C while the wait runs on the host (the shim sleeps); where exactly does not change the outcome.
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
            }
        };
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => probe.WaitUntilReadyAsync(TestHostContext.HostAt(host.Address), cancellation.Token).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, SshConnections.OpenTo(host));
        Assert.Equal(1, SshConnections.AcceptedLogins(host));
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenSshdStartsLate_KeepsPollingUntilReady()
    {
        using var ssh = new SshContext(context.Settings(readyTimeout: TimeSpan.FromSeconds(60)), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var waiting = probe.WaitUntilReadyAsync(TestHostContext.HostAt("127.0.0.111"), CancellationToken.None);
        var host = await context.StartHostAsync("127.0.0.111");
        var result = await waiting;

        await using var session = result.Session!;
        Assert.True(result.IsReady);
        Assert.Contains("ssh 127.0.0.111:2222: not ready yet: connection refused", diagnostics.Messages);
        Assert.Equal(["true </dev/null", "timeout 900 cloud-init status --wait </dev/null"], host.ExecLog());
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenSshdNeverStarts_IsNotReadyAfterTimeoutWithLastError()
    {
        using var ssh = new SshContext(context.Settings(readyTimeout: TimeSpan.FromSeconds(3)), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var result = await probe.WaitUntilReadyAsync(TestHostContext.HostAt("127.0.0.112"), CancellationToken.None);

        Assert.Equal(ReadinessResult.NotReady("no SSH on 127.0.0.112:2222 after 3s: connection refused"), result);
        Assert.True(diagnostics.Messages.Count(m => m.Contains("not ready yet", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenKeyRefused_RetriesThenReportsAuthenticationFailure()
    {
        var host = await context.StartHostAsync("127.0.0.113");
        var otherKey = await ProcessRunner.KeygenAsync(context.Temp.Path, "id_other", "ed25519");
        using var ssh = new SshContext(
            context.Settings(readyTimeout: TimeSpan.FromSeconds(6), privateKeyPath: otherKey), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var result = await probe.WaitUntilReadyAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        // 6 s leaves room for at least two attempts (1 s backoff) even on a loaded 2-core machine.
        Assert.Equal(
            ReadinessResult.NotReady($"no SSH on 127.0.0.113:2222 after 6s: authentication failed for root@127.0.0.113:2222 with key {otherKey}"),
            result);
        Assert.True(diagnostics.Messages.Count(m => m.Contains("not ready yet: authentication failed", StringComparison.Ordinal)) >= 2);
        Assert.Empty(host.ExecLog());
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenHostKeyChanged_StopsAtOnceWithoutRetrying()
    {
        var host = await context.StartHostAsync("127.0.0.114");
        var stale = TestKeys.Make("ssh-ed25519", 42);
        Directory.CreateDirectory(Path.GetDirectoryName(context.KnownHostsFile)!);
        File.WriteAllText(context.KnownHostsFile, $"[127.0.0.114]:2222 ssh-ed25519 {stale.Base64}\n");
        using var ssh = new SshContext(context.Settings(readyTimeout: TimeSpan.FromMinutes(5)), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var result = await probe.WaitUntilReadyAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        var presented = HostKey.FromBlob(Convert.FromBase64String(host.HostPublicKey.Split(' ')[1])).Fingerprint;
        Assert.Equal(
            ReadinessResult.NotReady(
                $"host key for 127.0.0.114:2222 changed: pinned {stale.Fingerprint}, presented {presented}; if the host was rebuilt, remove its line from {context.KnownHostsFile}"),
            result);
        Assert.Single(diagnostics.Messages, m => m.StartsWith("ssh: connecting to", StringComparison.Ordinal));
        Assert.Empty(host.ExecLog());
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenCancelled_Throws()
    {
        using var ssh = new SshContext(context.Settings(readyTimeout: TimeSpan.FromMinutes(5)), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => probe.WaitUntilReadyAsync(TestHostContext.HostAt("127.0.0.115"), cancellation.Token));
    }

    [Fact]
    public async Task WaitUntilReadyAsync_WhenHostHasNoPublicIp_IsNotReady()
    {
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        var probe = new SshReadinessProbe(ssh);

        var result = await probe.WaitUntilReadyAsync(new Core.Hosts.Host("web-1", "staging-web-1", "7", "web", null, []), CancellationToken.None);

        Assert.Equal(ReadinessResult.NotReady("host web-1 has no public IP address"), result);
    }
}
