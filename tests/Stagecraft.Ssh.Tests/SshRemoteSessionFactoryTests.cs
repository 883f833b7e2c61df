using Renci.SshNet.Common;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh.Tests;

/// <summary>Connecting to real sshd test hosts: TOFU, changed keys, auth failures, drops, non-root users.</summary>
public sealed class SshRemoteSessionFactoryTests : IAsyncLifetime
{
    private TestHostContext context = null!;

    public async Task InitializeAsync() => context = await TestHostContext.CreateAsync();

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void SshContext_WhenKeyMissing_ThrowsConfigException()
    {
        var settings = context.Settings(privateKeyPath: context.Temp.File("no-such-key"));

        var error = Assert.Throws<ConfigException>(() => new SshContext(settings, TimeProvider.System, NullDiagnostics.Instance));

        Assert.Equal($"infra.bootstrap.ssh.private_key_path: cannot read private key {settings.PrivateKeyPath}: file not found", error.Message);
    }

    [Fact]
    public async Task ConnectAsync_FirstContact_PinsHostKeyInKnownHosts()
    {
        var host = await context.StartHostAsync("127.0.0.102");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);

        await using (var session = await factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None))
        {
            Assert.Equal(0, (await session.RunAsync(new RemoteCommand(["true"]), CancellationToken.None)).ExitCode);
        }

        Assert.Equal($"[127.0.0.102]:2222 {host.HostPublicKey}\n", File.ReadAllText(context.KnownHostsFile));

        // Second contact with the same key: accepted, file unchanged.
        await using (await factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None))
        {
        }

        Assert.Equal($"[127.0.0.102]:2222 {host.HostPublicKey}\n", File.ReadAllText(context.KnownHostsFile));
    }

    [Fact]
    public async Task ConnectAsync_WhenHostKeyChanged_RefusesWithExactMessageAndRunsNothing()
    {
        var host = await context.StartHostAsync("127.0.0.103");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);
        await using (await factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None))
        {
        }

        var pinned = Fingerprint(host.HostPublicKey);
        var knownHostsBefore = File.ReadAllText(context.KnownHostsFile);
        await host.RekeyAsync();
        var presented = Fingerprint(host.HostPublicKey);
        var execBefore = host.ExecLog();

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None));

        Assert.NotEqual(pinned, presented);
        Assert.Equal(
            $"host key for 127.0.0.103:2222 changed: pinned {pinned}, presented {presented}; if the host was rebuilt, remove its line from {context.KnownHostsFile}",
            error.Message);
        Assert.Equal(execBefore, host.ExecLog());
        Assert.Equal(knownHostsBefore, File.ReadAllText(context.KnownHostsFile));
    }

    [Fact]
    public async Task ConnectAsync_WhenTheHostKeyIsRevoked_RefusesOnFirstContactAndNeverPinsIt()
    {
        var host = await context.StartHostAsync("127.0.5.1");
        Directory.CreateDirectory(Path.GetDirectoryName(context.KnownHostsFile)!);
        var revoked = $"# the old image's key leaked\n@revoked * {host.HostPublicKey}\n";
        File.WriteAllText(context.KnownHostsFile, revoked);
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None));

        Assert.Equal(
            $"host key {Fingerprint(host.HostPublicKey)} of 127.0.5.1:2222 is revoked (@revoked on line 2 of {context.KnownHostsFile}); " +
            "refusing to connect: give the host a new key, or remove that line if the revocation is wrong",
            error.Message);
        Assert.Empty(host.ExecLog());
        Assert.Equal(0, SshConnections.AcceptedLogins(host));
        Assert.Equal(revoked, File.ReadAllText(context.KnownHostsFile));
    }

    [Fact]
    public async Task ConnectAsync_WhenOnlyACertificateAuthorityIsTrusted_RefusesSayingSoAndNeverPins()
    {
        var host = await context.StartHostAsync("127.0.5.2");
        Directory.CreateDirectory(Path.GetDirectoryName(context.KnownHostsFile)!);
        var caKey = await ProcessRunner.KeygenAsync(context.Temp.Path, "host_ca", "ed25519");
        var authority = $"@cert-authority [127.0.5.*]:2222 {File.ReadAllText(caKey + ".pub").Trim()}\n";
        File.WriteAllText(context.KnownHostsFile, authority);
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None));

        Assert.Equal(
            $"{context.KnownHostsFile} trusts a certificate authority for 127.0.5.2:2222 (@cert-authority on line 1), and stagecraft does not " +
            $"check host certificates; refusing to pin {Fingerprint(host.HostPublicKey)} on first use: add the host's key as a plain line, or remove the @cert-authority line",
            error.Message);
        Assert.Empty(host.ExecLog());
        Assert.Equal(authority, File.ReadAllText(context.KnownHostsFile));
    }

    [Fact]
    public async Task ConnectAsync_WhenKnownHostsHasTheHostHashed_AcceptsThePinnedKeyAndAddsNothing()
    {
        var host = await context.StartHostAsync("127.0.5.3");
        Directory.CreateDirectory(Path.GetDirectoryName(context.KnownHostsFile)!);
        File.WriteAllText(context.KnownHostsFile, $"[127.0.5.3]:2222 {host.HostPublicKey}\n");
        await ProcessRunner.RunAsync("ssh-keygen", "-H", "-f", context.KnownHostsFile);
        File.Delete(context.KnownHostsFile + ".old");
        var hashed = File.ReadAllText(context.KnownHostsFile);
        Assert.DoesNotContain("127.0.5.3", hashed, StringComparison.Ordinal);
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);

        await using (var session = await factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None))
        {
            Assert.Equal(0, (await session.RunAsync(new RemoteCommand(["true"]), CancellationToken.None)).ExitCode);
        }

        Assert.Equal(hashed, File.ReadAllText(context.KnownHostsFile));
    }

    [Fact]
    public async Task ConnectAsync_WhenKeyNotAuthorized_ThrowsAuthenticationFailed()
    {
        var host = await context.StartHostAsync("127.0.0.104");
        var otherKey = await ProcessRunner.KeygenAsync(context.Temp.Path, "id_other", "ed25519");
        using var ssh = new SshContext(context.Settings(privateKeyPath: otherKey), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None));

        Assert.Equal($"authentication failed for root@127.0.0.104:2222 with key {otherKey}", error.Message);
        Assert.Empty(host.ExecLog());
    }

    [Fact]
    public async Task ConnectAsync_WhenNothingListens_ThrowsConnectionRefused()
    {
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => factory.ConnectAsync(TestHostContext.HostAt("127.0.0.105"), CancellationToken.None));

        Assert.Equal("cannot connect to 127.0.0.105:2222: connection refused", error.Message);
    }

    [Fact]
    public async Task ConnectAsync_WhenHostHasNoPublicIp_Throws()
    {
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => factory.ConnectAsync(new Core.Hosts.Host("web-1", "staging-web-1", "7", "web", null, []), CancellationToken.None));

        Assert.Equal("host web-1 has no public IP address", error.Message);
    }

    [Fact]
    public async Task RunAsync_WhenConnectionDropsMidCommand_ThrowsConnectionLost()
    {
        var host = await context.StartHostAsync("127.0.0.106");
        var diagnostics = new RecordingDiagnostics();
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        var factory = new SshRemoteSessionFactory(ssh);
        await using var session = await factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        var running = session.RunAsync(new RemoteCommand(["sleep", "60"]), CancellationToken.None);
        await host.StopAsync();

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("connection to 127.0.0.106:2222 lost while running a command", error.Message);
        var inner = Assert.IsType<SshConnectionException>(error.InnerException);
        Assert.Contains($"ssh 127.0.0.106:2222: connection lost: SshConnectionException: {inner.Message}", diagnostics.Messages);
    }

    [Fact]
    public async Task RunAsync_AsDeployWithPasswordlessSudo_RunsPrivilegedCommandsThroughSudoN()
    {
        var host = await context.StartHostAsync("127.0.0.107", user: "deploy");
        using var ssh = new SshContext(context.Settings(user: "deploy"), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);
        await using var session = await factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        var plain = await session.RunAsync(new RemoteCommand(["id", "-u"]), CancellationToken.None);
        var privileged = await session.RunAsync(new RemoteCommand(["id", "-u"]) { Privileged = true }, CancellationToken.None);

        Assert.False(session.UserIsRoot);
        Assert.Equal("1500\n", plain.StandardOutput);
        Assert.Equal(new RemoteResult(0, "0\n", string.Empty), privileged);
        Assert.Equal(["id -u </dev/null", "sudo -n id -u </dev/null"], host.ExecLog());
    }

    [Fact]
    public async Task RunAsync_AsDeployWhenSudoWantsPassword_FailsClearlyInsteadOfHanging()
    {
        var host = await context.StartHostAsync("127.0.0.108", user: "deploy", sudoRequiresPassword: true);
        using var ssh = new SshContext(context.Settings(user: "deploy"), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshRemoteSessionFactory(ssh);
        await using var session = await factory.ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        var result = await session.RunAsync(new RemoteCommand(["true"]) { Privileged = true, Timeout = TimeSpan.FromSeconds(20) }, CancellationToken.None);

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Equal("exit 1: sudo: a password is required", result.Describe());
    }

    private static string Fingerprint(string publicKeyLine) =>
        HostKey.FromBlob(Convert.FromBase64String(publicKeyLine.Split(' ')[1])).Fingerprint;
}
