using System.Text;
using Stagecraft.Ssh.Agent;

namespace Stagecraft.Ssh.Tests;

/// <summary>The agent protocol against a real <c>ssh-agent</c> (and a fake socket for replies a real agent never sends).</summary>
public sealed class SshAgentClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private TestSshAgent agent = null!;

    private TempDirectory Temp => agent.Temp;

    public async Task InitializeAsync() => agent = await TestSshAgent.StartAsync();

    public async Task DisposeAsync() => await agent.DisposeAsync();

    [Fact]
    public void ListIdentities_WhenAgentEmpty_ReturnsNone()
    {
        Assert.Empty(new SshAgentClient(agent.SocketPath, Timeout).ListIdentities());
    }

    [Fact]
    public async Task ListIdentities_ReturnsEachKeyInOrderWithTypeAndFingerprintAsOpenSshShowsThem()
    {
        var ed25519 = await ProcessRunner.KeygenAsync(Temp.Path, "id_ed25519", "ed25519");
        var ecdsa = await ProcessRunner.KeygenAsync(Temp.Path, "id_ecdsa", "ecdsa", bits: 384);
        var rsa = await ProcessRunner.KeygenAsync(Temp.Path, "id_rsa", "rsa", bits: 2048);
        await agent.AddAsync(ed25519);
        await agent.AddAsync(ecdsa);
        await agent.AddAsync(rsa);

        var identities = new SshAgentClient(agent.SocketPath, Timeout).ListIdentities();

        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp384", "ssh-rsa"], identities.Select(i => i.KeyType));
        Assert.Equal(
            [
                $"agent key ed25519 {await KeyFingerprints.Sha256Async(ed25519)}",
                $"agent key ecdsa {await KeyFingerprints.Sha256Async(ecdsa)}",
                $"agent key rsa {await KeyFingerprints.Sha256Async(rsa)}",
            ],
            identities.Select(i => i.ToString()));
        Assert.All(identities, i => Assert.Equal("stagecraft-test", i.Comment));
    }

    [Theory]
    [InlineData(SshAgentClient.RsaSha2512, "rsa-sha2-512")]
    [InlineData(SshAgentClient.RsaSha2256, "rsa-sha2-256")]
    public async Task Sign_WithRsaFlag_ReturnsSignatureOfThatAlgorithm(uint flags, string algorithm)
    {
        await agent.AddAsync(await ProcessRunner.KeygenAsync(Temp.Path, "id_rsa", "rsa", bits: 2048));
        var client = new SshAgentClient(agent.SocketPath, Timeout);
        var key = Assert.Single(client.ListIdentities());

        var signature = client.Sign(key.PublicKeyBlob, "data to sign"u8.ToArray(), flags);

        var reader = new SshWireReader(signature);
        Assert.Equal(algorithm, Encoding.ASCII.GetString(reader.ReadString()));
        Assert.Equal(256, reader.ReadString().Length);
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public async Task AgentKey_OffersRsaOnlyAsSha2AndOtherTypesUnderTheirOwnName_AndNeverVerifies()
    {
        await agent.AddAsync(await ProcessRunner.KeygenAsync(Temp.Path, "id_rsa", "rsa", bits: 2048));
        await agent.AddAsync(await ProcessRunner.KeygenAsync(Temp.Path, "id_ecdsa", "ecdsa", bits: 521));
        var client = new SshAgentClient(agent.SocketPath, Timeout);
        var keys = client.ListIdentities().Select(i => new SshAgentKey(client, i)).ToList();

        Assert.Equal(["rsa-sha2-512", "rsa-sha2-256"], keys[0].HostKeyAlgorithms.Select(a => a.Name));
        Assert.Equal(["ecdsa-sha2-nistp521"], keys[1].HostKeyAlgorithms.Select(a => a.Name));
        Assert.Equal(keys[1].Identity.PublicKeyBlob, keys[1].HostKeyAlgorithms.Single().Data);
        Assert.StartsWith("agent key ecdsa SHA256:", keys[1].ToString(), StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => keys[0].HostKeyAlgorithms.First().VerifySignature([1], [2]));
    }

    [Fact]
    public async Task Sign_WhenKeyNotHeldOrAgentGone_SaysWhy()
    {
        await agent.AddAsync(await ProcessRunner.KeygenAsync(Temp.Path, "id_ed25519", "ed25519"));
        var client = new SshAgentClient(agent.SocketPath, Timeout);
        var key = Assert.Single(client.ListIdentities());
        var removed = new SshAgentClient(Temp.File("other.sock"), Timeout);

        var refused = Assert.Throws<SshAgentException>(() => client.Sign([.. key.PublicKeyBlob.Reverse()], [1, 2, 3], 0));
        var unreachable = Assert.Throws<SshAgentException>(() => removed.Sign(key.PublicKeyBlob, [1, 2, 3], 0));

        Assert.Equal($"the ssh-agent at {agent.SocketPath} refused to sign", refused.Message);
        Assert.Equal($"cannot reach the ssh-agent at {removed.SocketPath}: no such socket", unreachable.Message);
    }

    [Fact]
    public void ListIdentities_WhenNoSocket_SaysItCannotReachTheAgent()
    {
        var path = Temp.File("no-agent.sock");

        var error = Assert.Throws<SshAgentException>(() => new SshAgentClient(path, Timeout).ListIdentities());

        Assert.Equal($"cannot reach the ssh-agent at {path}: no such socket", error.Message);
    }

    [Fact]
    public void ListIdentities_WhenPathIsNoSocket_SaysConnectionRefused()
    {
        var path = Temp.File("stale.sock");
        File.WriteAllText(path, string.Empty);

        var error = Assert.Throws<SshAgentException>(() => new SshAgentClient(path, Timeout).ListIdentities());

        Assert.Equal($"cannot reach the ssh-agent at {path}: connection refused (no agent listens there)", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 1, SshAgentClient.Failure }, "the ssh-agent at {0} refused to list keys")]
    [InlineData(new byte[] { 0, 0, 0, 1, 99 }, "the ssh-agent at {0} answered list keys with message type 99, expected 12")]
    [InlineData(new byte[] { 0, 0, 0, 5, SshAgentClient.IdentitiesAnswer, 0, 0, 0, 1 }, "the ssh-agent at {0} sent an unreadable key list")]
    [InlineData(new byte[] { 0, 0, 0, 0 }, "the ssh-agent at {0} answered list keys with a message of 0 bytes")]
    [InlineData(new byte[] { 0, 0, 0, 9, SshAgentClient.IdentitiesAnswer }, "the ssh-agent at {0} closed the connection during list keys")]
    [InlineData(new byte[] { 0, 0 }, "the ssh-agent at {0} closed the connection during list keys")]
    public void ListIdentities_WhenReplyIsBad_SaysWhatWasWrong(byte[] reply, string expected)
    {
        using var server = new FakeAgentServer(Temp.File("fake.sock"), reply);

        var error = Assert.Throws<SshAgentException>(() => new SshAgentClient(server.SocketPath, Timeout).ListIdentities());

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, server.SocketPath), error.Message);
    }

    [Fact]
    public void Sign_WhenSignatureUnreadable_SaysSo()
    {
        using var server = new FakeAgentServer(Temp.File("fake.sock"), FakeAgentServer.Frame(SshAgentClient.SignResponse, 0, 0, 0, 7));

        var error = Assert.Throws<SshAgentException>(() => new SshAgentClient(server.SocketPath, Timeout).Sign([0, 0, 0, 0], [1], 0));

        Assert.Equal($"the ssh-agent at {server.SocketPath} sent an unreadable signature", error.Message);
    }
}
