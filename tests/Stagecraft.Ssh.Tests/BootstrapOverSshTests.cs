using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;
using Stagecraft.Core.Testing;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// The bootstrap engine with the production SSH ports wired as the CLI wires them (one <see cref="SshContext"/> for
/// probe and factory) against real sshd: the probe's connection is the bootstrap's, so one host costs one SSH login.
/// </summary>
public sealed class BootstrapOverSshTests : IAsyncLifetime
{
    private readonly RecordingDiagnostics diagnostics = new();
    private readonly FakeNetwork network = new();
    private TestHostContext context = null!;

    public async Task InitializeAsync() => context = await TestHostContext.CreateAsync();

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task BootstrapHostAsync_WithTheSshProbeAndFactory_MakesExactlyOneSshConnection()
    {
        var host = await context.StartHostAsync("127.0.0.119");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);

        var outcome = await Engine(ssh).BootstrapHostAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcome.Status);
        Assert.Equal(["true </dev/null", "timeout 900 cloud-init status --wait </dev/null", "cat /etc/os-release </dev/null"], host.ExecLog());
        Assert.Equal(["install app-1", "join app-1 tag:stagecraft"], network.Calls);
        Assert.Equal(1, SshConnections.AcceptedLogins(host));
        Assert.Single(diagnostics.Messages, m => m.StartsWith("ssh: connecting to", StringComparison.Ordinal));
        Assert.Equal(0, SshConnections.OpenTo(host));
    }

    [Fact]
    public async Task BootstrapHostAsync_WhenHostKeyChanged_IsSshFailedNamingBothFingerprintsAndTheFile()
    {
        var host = await context.StartHostAsync("127.0.0.120");
        using var ssh = new SshContext(context.Settings(), TimeProvider.System, diagnostics);
        Assert.Equal(BootstrapStatus.Success, (await Engine(ssh).BootstrapHostAsync(TestHostContext.HostAt(host.Address), CancellationToken.None)).Status);
        var pinned = Fingerprint(host.HostPublicKey);
        var knownHostsBefore = File.ReadAllText(context.KnownHostsFile);
        var execBefore = host.ExecLog();
        await host.RekeyAsync();

        var outcome = await Engine(ssh).BootstrapHostAsync(TestHostContext.HostAt(host.Address), CancellationToken.None);

        Assert.Equal(
            BootstrapOutcome.Failed(
                "ssh_failed",
                $"host key for 127.0.0.120:2222 changed: pinned {pinned}, presented {Fingerprint(host.HostPublicKey)}; if the host was rebuilt, remove its line from {context.KnownHostsFile}"),
            outcome);
        Assert.Equal(execBefore, host.ExecLog());
        Assert.Equal(knownHostsBefore, File.ReadAllText(context.KnownHostsFile));
        Assert.Equal(0, SshConnections.OpenTo(host));
    }

    private BootstrapEngine Engine(SshContext ssh) =>
        new(
            new RemoteAccess(new SshReadinessProbe(ssh), new SshRemoteSessionFactory(ssh), new SshHostKeyPins(ssh)),
            network,
            new FakeNetworkSettings(["tag:stagecraft"], new Dictionary<string, IReadOnlyList<string>>(), "example.ts.net"),
            new DockerSettings(false, DockerInstallMethod.Apt),
            NullProgressReporter.Instance);

    private static string Fingerprint(string publicKeyLine) =>
        HostKey.FromBlob(Convert.FromBase64String(publicKeyLine.Split(' ')[1])).Fingerprint;
}
