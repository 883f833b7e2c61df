using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// Verify-only connections (for <c>infra status</c>) to real sshd test hosts: a pinned key connects, a first-seen key is
/// reported not pinned and never written, a changed key is a mismatch, and nothing is ever written to known_hosts
/// (no pin, no lock file, no temp file). Addresses 127.0.10.5-7.
/// </summary>
public sealed class SshVerifiedSessionFactoryTests : IAsyncLifetime
{
    private TestHostContext context = null!;

    public async Task InitializeAsync() => context = await TestHostContext.CreateAsync();

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task ConnectVerifiedAsync_FirstContact_IsNotPinned_NamesTheKey_AndWritesNothing()
    {
        var host = await context.StartHostAsync("127.0.10.5");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        var factory = new SshVerifiedSessionFactory(ssh);

        var connection = await factory.ConnectVerifiedAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        Assert.Equal(ConnectionCheck.NotPinned, connection.Check);
        Assert.Null(connection.Session);
        Assert.Equal(
            $"host key {Fingerprint(host.HostPublicKey)} of 127.0.10.5:2222 is not pinned in {context.KnownHostsFile}; not trusted and not pinned (read-only check): stagecraft infra up pins it on first use",
            connection.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(context.KnownHostsFile)), "the known_hosts directory was created");
        Assert.Empty(host.ExecLog());
        Assert.Equal(0, SshConnections.AcceptedLogins(host));
    }

    [Fact]
    public async Task ConnectVerifiedAsync_WhenPinned_RunsCommands_AndLeavesKnownHostsByteIdentical()
    {
        var host = await context.StartHostAsync("127.0.10.6");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        await using (await new SshRemoteSessionFactory(ssh).ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None))
        {
        }

        var directory = Path.GetDirectoryName(context.KnownHostsFile)!;
        File.Delete(context.KnownHostsFile + ".lock");
        var before = File.ReadAllBytes(context.KnownHostsFile);
        var entriesBefore = Directory.GetFileSystemEntries(directory).Order(StringComparer.Ordinal).ToList();

        var connection = await new SshVerifiedSessionFactory(ssh).ConnectVerifiedAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);
        await using (connection.Session)
        {
            Assert.Equal(ConnectionCheck.Ok, connection.Check);
            Assert.Equal(string.Empty, connection.Message);
            var result = await connection.Session!.RunAsync(new RemoteCommand(["echo", "hello"]), CancellationToken.None);
            Assert.Equal("hello\n", result.StandardOutput);
        }

        Assert.Equal(before, File.ReadAllBytes(context.KnownHostsFile));
        Assert.Equal(entriesBefore, Directory.GetFileSystemEntries(directory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConnectVerifiedAsync_WhenTheKeyChanged_IsAMismatch_AndRunsNothing()
    {
        var host = await context.StartHostAsync("127.0.10.7");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);
        await using (await new SshRemoteSessionFactory(ssh).ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None))
        {
        }

        var pinned = Fingerprint(host.HostPublicKey);
        var before = File.ReadAllBytes(context.KnownHostsFile);
        await host.RekeyAsync();
        var execBefore = host.ExecLog();

        var connection = await new SshVerifiedSessionFactory(ssh).ConnectVerifiedAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        Assert.Equal(ConnectionCheck.Mismatch, connection.Check);
        Assert.Null(connection.Session);
        Assert.Equal(
            $"host key for 127.0.10.7:2222 changed: pinned {pinned}, presented {Fingerprint(host.HostPublicKey)}; if the host was rebuilt, remove its line from {context.KnownHostsFile}",
            connection.Message);
        Assert.Equal(execBefore, host.ExecLog());
        Assert.Equal(before, File.ReadAllBytes(context.KnownHostsFile));
    }

    [Fact]
    public async Task ConnectVerifiedAsync_WhenNothingListens_IsUnreachable_AtOnce()
    {
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);

        var connection = await new SshVerifiedSessionFactory(ssh).ConnectVerifiedAsync(TestHostContext.HostAt("127.0.10.8"), CancellationToken.None);

        Assert.Equal(ConnectionCheck.Unreachable, connection.Check);
        Assert.Equal("cannot connect to 127.0.10.8:2222: connection refused", connection.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(context.KnownHostsFile)));
    }

    [Fact]
    public async Task ConnectVerifiedAsync_WithoutPublicIp_IsUnreachable()
    {
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, NullDiagnostics.Instance);

        var connection = await new SshVerifiedSessionFactory(ssh).ConnectVerifiedAsync(TestHostContext.HostAt(string.Empty), CancellationToken.None);

        Assert.Equal(ConnectionCheck.Unreachable, connection.Check);
        Assert.Equal("host app-1 has no public IP address", connection.Message);
    }

    private static string Fingerprint(string publicKeyLine) =>
        HostKey.FromBlob(Convert.FromBase64String(publicKeyLine.Split(' ')[1])).Fingerprint;
}
