using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Security;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;
using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// Logging in to real sshd hosts with every way an operator holds a key: a file of each type and format (with a
/// passphrase too), keys in a real ssh-agent, RSA only as rsa-sha2-*, the agent's keys tried before the file.
/// </summary>
public sealed class SshKeyLoginTests : IClassFixture<KeyLoginHostsFixture>, IAsyncLifetime
{
    private const string PassphraseVariable = "STAGECRAFT_TEST_KEY_PASSPHRASE";
    private const string Passphrase = "correct horse battery";
    private readonly KeyLoginHostsFixture hosts;
    private TestSshAgent agent = null!;

    public SshKeyLoginTests(KeyLoginHostsFixture hosts)
    {
        this.hosts = hosts;
    }

    private TempDirectory Temp => agent.Temp;

    public async Task InitializeAsync() => agent = await TestSshAgent.StartAsync();

    public async Task DisposeAsync() => await agent.DisposeAsync();

    public static TheoryData<string, string, bool> FileKeys => new()
    {
        { "ed25519", "openssh", false },
        { "ecdsa", "openssh", false },
        { "rsa", "openssh", false },
        { "ecdsa", "pem", false },
        { "rsa", "pem", false },
        { "rsa", "pkcs8", false },
        { "ed25519", "openssh", true },
        { "ecdsa", "pem", true },
        { "rsa", "pem", true },
        { "rsa", "pkcs8", true },
    };

    [Theory]
    [MemberData(nameof(FileKeys))]
    public async Task Connect_WithKeyFile_EachTypeAndFormat_LogsInWithThatKey(string type, string format, bool locked)
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, type, format, locked ? Passphrase : string.Empty);
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.AnyKey, key);
        var settings = Settings(key) with { PrivateKeyPassphraseEnv = locked ? PassphraseVariable : null };

        await AssertLogsInWithAsync(hosts.AnyKey, settings, Credentials(agentSocket: null), await KeyFingerprints.Sha256Async(key));
    }

    [Theory]
    [InlineData("openssh")]
    [InlineData("pem")]
    public async Task Connect_WithRsaKeyFile_OnHostAcceptingOnlyRsaSha2_LogsIn(string format)
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "rsa", format);
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.RsaSha2Only, key);

        await AssertLogsInWithAsync(hosts.RsaSha2Only, Settings(key), Credentials(agentSocket: null), await KeyFingerprints.Sha256Async(key));
    }

    [Fact]
    public async Task RsaSha2OnlyHost_RefusesTheSameKeySignedWithSha1SshRsa()
    {
        var path = await KeyFiles.CreateAsync(Temp.Path, "rsa", "openssh");
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.RsaSha2Only, path);
        using var file = new PrivateKeyFile(path);
        var sha1Only = new SingleAlgorithmKey(new KeyHostAlgorithm("ssh-rsa", file.Key));
        using var auth = new PrivateKeyAuthenticationMethod("root", sha1Only);
        using var client = new SshClient(new ConnectionInfo(hosts.RsaSha2Only.Address, 2222, "root", auth));

        await Assert.ThrowsAsync<SshAuthenticationException>(() => client.ConnectAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Connect_WithAgentRsaKey_OnHostAcceptingOnlyRsaSha2_LogsIn()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "rsa", "openssh");
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.RsaSha2Only, key);
        await agent.AddAsync(key);
        File.Delete(key);

        await AssertLogsInWithAsync(hosts.RsaSha2Only, Settings(null, agent: true), Credentials(agent.SocketPath), await KeyFingerprints.Sha256Async(key));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    public async Task Connect_WithAgentOnly_LogsInWithTheAgentKey(string type)
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, type, "openssh");
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.AnyKey, key);
        await agent.AddAsync(key);
        File.Delete(key);

        await AssertLogsInWithAsync(hosts.AnyKey, Settings(null, agent: true), Credentials(agent.SocketPath), await KeyFingerprints.Sha256Async(key));
    }

    [Fact]
    public async Task Connect_WhenAgentAndFileKeysBothAuthorized_UsesTheAgentKeyFirst()
    {
        var agentKey = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh");
        var fileKey = await KeyFiles.CreateAsync(Temp.Path, "ecdsa", "openssh");
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.AnyKey, agentKey);
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.AnyKey, fileKey);
        await agent.AddAsync(agentKey);

        await AssertLogsInWithAsync(hosts.AnyKey, Settings(fileKey, agent: true), Credentials(agent.SocketPath), await KeyFingerprints.Sha256Async(agentKey));
    }

    [Fact]
    public async Task Connect_WhenAgentKeyNotAuthorized_FallsBackToTheFile()
    {
        var agentKey = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh");
        var fileKey = await KeyFiles.CreateAsync(Temp.Path, "rsa", "openssh");
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.AnyKey, fileKey);
        await agent.AddAsync(agentKey);

        await AssertLogsInWithAsync(hosts.AnyKey, Settings(fileKey, agent: true), Credentials(agent.SocketPath), await KeyFingerprints.Sha256Async(fileKey));
    }

    [Fact]
    public async Task Connect_WhenNoIdentityAuthorized_NamesEveryIdentityTriedButNoContents()
    {
        var agentKey = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh");
        var fileKey = await KeyFiles.CreateAsync(Temp.Path, "ecdsa", "openssh");
        await agent.AddAsync(agentKey);
        using var ssh = new SshContext(Settings(fileKey, agent: true), Credentials(agent.SocketPath), TimeProvider.System, NullDiagnostics.Instance);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => new SshRemoteSessionFactory(ssh).ConnectAsync(TestHostContext.HostAt(hosts.AnyKey.Address), CancellationToken.None));

        Assert.Equal(
            $"authentication failed for root@{KeyLoginHostsFixture.AnyKeyAddress}:2222 with agent key ed25519 {await KeyFingerprints.Sha256Async(agentKey)}, key {fileKey}",
            error.Message);
        Assert.Equal(SshFailureKind.Authentication, Assert.IsType<SshConnectFailure>(error.InnerException).Kind);
    }

    [Fact]
    public async Task Connect_WhenAgentStoppedAfterListingKeys_FailsAuthenticationNamingTheAgent()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh");
        await KeyLoginHostsFixture.AuthorizeAsync(hosts.AnyKey, key);
        await agent.AddAsync(key);
        var socket = agent.SocketPath;
        using var ssh = new SshContext(Settings(null, agent: true), Credentials(socket), TimeProvider.System, NullDiagnostics.Instance);
        File.Delete(socket);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(
            () => new SshRemoteSessionFactory(ssh).ConnectAsync(TestHostContext.HostAt(hosts.AnyKey.Address), CancellationToken.None));

        Assert.Equal(
            $"authentication failed for root@{KeyLoginHostsFixture.AnyKeyAddress}:2222 with agent key ed25519 {await KeyFingerprints.Sha256Async(key)}: cannot reach the ssh-agent at {socket}: no such socket",
            error.Message);
    }

    private sealed class SingleAlgorithmKey(HostAlgorithm algorithm) : IPrivateKeySource
    {
        public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; } = [algorithm];
    }

    private SshSettings Settings(string? privateKeyPath, bool agent = false) =>
        new("root", 2222, privateKeyPath, Temp.File("known_hosts"), TimeSpan.FromMinutes(1), Agent: agent);

    private static SshCredentialSources Credentials(string? agentSocket) =>
        new(new DictionarySecrets(new Dictionary<string, string> { [PassphraseVariable] = Passphrase }), agentSocket);

    private static async Task AssertLogsInWithAsync(SshTestHost host, SshSettings settings, SshCredentialSources credentials, string fingerprint)
    {
        var before = AcceptedFingerprints(host).Count;
        using var ssh = new SshContext(settings, credentials, TimeProvider.System, NullDiagnostics.Instance);
        await using (var session = await new SshRemoteSessionFactory(ssh).ConnectAsync(TestHostContext.HostAt(host.Address), CancellationToken.None))
        {
            Assert.Equal(0, (await session.RunAsync(new RemoteCommand(["true"]), CancellationToken.None)).ExitCode);
        }

        Assert.Equal([fingerprint], AcceptedFingerprints(host).Skip(before));
    }

    /// <summary>The key fingerprint of every login sshd accepted (<c>Accepted publickey for root from … ssh2: ED25519 SHA256:…</c>).</summary>
    private static List<string> AcceptedFingerprints(SshTestHost host) =>
        [.. (host.ReadState("sshd.log") ?? string.Empty)
            .Split('\n')
            .Where(line => line.Contains("Accepted publickey for ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ').Last(part => part.StartsWith("SHA256:", StringComparison.Ordinal)))];
}
