using Stagecraft.Core.Configuration;
using Stagecraft.Core.Preflight;

namespace Stagecraft.Ssh.Tests;

/// <summary>The local preflight of infra.bootstrap.ssh: every finding at once, each blaming its key with file:line:col, nothing written.</summary>
public sealed class SshPreflightTests : IAsyncLifetime
{
    private const string PassphraseVariable = "STAGECRAFT_TEST_KEY_PASSPHRASE";
    private TestSshAgent agent = null!;

    private TempDirectory Temp => agent.Temp;

    public async Task InitializeAsync() => agent = await TestSshAgent.StartAsync();

    public async Task DisposeAsync() => await agent.DisposeAsync();

    [Fact]
    public async Task Check_WhenKeyAndKnownHostsUsable_FindsNothingAndWritesNothing()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh");
        var knownHosts = Temp.File("config/stagecraft/known_hosts");

        var findings = SshPreflight.Check(Settings(key, knownHosts), Credentials(null)).Findings;

        Assert.Empty(findings);
        Assert.False(Directory.Exists(Temp.File("config")));
    }

    [Fact]
    public void Check_WhenKeyMissing_BlamesPrivateKeyPathAtItsPlace()
    {
        var path = Temp.File("no-such-key");

        var findings = SshPreflight.Check(Settings(path) with { Places = Places() }, Credentials(null)).Findings;

        var finding = Assert.Single(findings);
        Assert.Equal(PreflightScope.Local, finding.Scope);
        Assert.Equal($"stagecraft.yml:31:25: infra.bootstrap.ssh.private_key_path: cannot read private key {path}: file not found", finding.Message);
        Assert.Empty(finding.Hosts);
    }

    [Fact]
    public void Check_WhenDefaultKeyMissing_NamesTheKeyPathWithoutAPlace()
    {
        var path = Temp.File("id_ed25519");

        var findings = SshPreflight.Check(Settings(path), Credentials(null)).Findings;

        Assert.Equal([$"infra.bootstrap.ssh.private_key_path: cannot read private key {path}: file not found"], findings.Select(f => f.Message));
    }

    [Fact]
    public async Task Check_WhenKeyNeedsPassphraseAndNoneConfigured_BlamesPrivateKeyPath()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh", "correct horse");

        var findings = SshPreflight.Check(Settings(key) with { Places = Places() }, Credentials(null)).Findings;

        Assert.Equal(
            [$"stagecraft.yml:31:25: infra.bootstrap.ssh.private_key_path: private key {key} is protected by a passphrase; name the environment variable holding it in infra.bootstrap.ssh.private_key_passphrase_env, or use agent: true"],
            findings.Select(f => f.Message));
    }

    [Fact]
    public async Task Check_WhenPassphraseVariableUnset_BlamesPassphraseEnvAtItsPlace()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "rsa", "pem", "correct horse");
        var settings = Settings(key) with { PrivateKeyPassphraseEnv = "UNSET_VARIABLE", Places = Places() };

        var findings = SshPreflight.Check(settings, Credentials(null)).Findings;

        Assert.Equal(
            [$"stagecraft.yml:32:35: infra.bootstrap.ssh.private_key_passphrase_env: private key {key} is protected by a passphrase, but the environment variable UNSET_VARIABLE is not set"],
            findings.Select(f => f.Message));
    }

    [Fact]
    public async Task Check_WhenPassphraseWrong_SaysSoWithoutShowingIt()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh", "correct horse");
        var settings = Settings(key) with { PrivateKeyPassphraseEnv = PassphraseVariable, Places = Places() };

        var findings = SshPreflight.Check(settings, Credentials(null, passphrase: "wrong secret phrase")).Findings;

        var message = Assert.Single(findings).Message;
        Assert.Equal($"stagecraft.yml:32:35: infra.bootstrap.ssh.private_key_passphrase_env: the passphrase in {PassphraseVariable} does not decrypt private key {key}", message);
        Assert.DoesNotContain("wrong secret phrase", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenPassphraseRight_FindsNothing()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "ecdsa", "pem", "correct horse");
        var settings = Settings(key) with { PrivateKeyPassphraseEnv = PassphraseVariable };

        Assert.Empty(SshPreflight.Check(settings, Credentials(null, passphrase: "correct horse")).Findings);
    }

    [Fact]
    public void Check_WhenAgentConfiguredButSshAuthSockUnset_BlamesAgent()
    {
        var settings = Settings(null) with { Agent = true, Places = Places() };

        var findings = SshPreflight.Check(settings, Credentials(null)).Findings;

        Assert.Equal(
            ["stagecraft.yml:30:14: infra.bootstrap.ssh.agent: is true, but SSH_AUTH_SOCK is not set: start an ssh-agent and add your key with ssh-add, or set agent: false"],
            findings.Select(f => f.Message));
    }

    [Fact]
    public void Check_WhenAgentUnreachable_BlamesAgentNamingTheSocket()
    {
        var socket = Temp.File("gone.sock");
        var settings = Settings(null) with { Agent = true, Places = Places() };

        var findings = SshPreflight.Check(settings, Credentials(socket)).Findings;

        Assert.Equal(
            [$"stagecraft.yml:30:14: infra.bootstrap.ssh.agent: cannot reach the ssh-agent at {socket}: no such socket (SSH_AUTH_SOCK)"],
            findings.Select(f => f.Message));
    }

    [Theory]
    [InlineData("ed25519", "openssh")]
    [InlineData("rsa", "pem")]
    [InlineData("ecdsa", "pkcs8")]
    public async Task Check_ReturnsTheLoadedKeysPublicHalvesAsInThePubFile(string type, string format)
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, type, format);
        var agentKey = await KeyFiles.CreateAsync(Directory.CreateDirectory(Temp.File("agent")).FullName, "ed25519", "openssh");
        await agent.AddAsync(agentKey);

        var loaded = SshPreflight.Check(Settings(key) with { Agent = true }, Credentials(agent.SocketPath)).LoginKeys;

        Assert.Equal(2, loaded.Count);
        Assert.StartsWith("agent key ed25519 SHA256:", loaded[0].Description, StringComparison.Ordinal);
        Assert.Equal(PublicBlob(agentKey), loaded[0].PublicKeyBlob);
        Assert.Equal($"key {key}", loaded[1].Description);
        Assert.Equal(PublicBlob(key), loaded[1].PublicKeyBlob);
    }

    [Fact]
    public void Check_WhenAgentHoldsNoKeysAndNoKeyFile_BlamesAgent()
    {
        var settings = Settings(null) with { Agent = true };

        var findings = SshPreflight.Check(settings, Credentials(agent.SocketPath)).Findings;

        Assert.Equal(
            [$"infra.bootstrap.ssh.agent: the ssh-agent at {agent.SocketPath} (SSH_AUTH_SOCK) holds no keys: add one with ssh-add, or set private_key_path"],
            findings.Select(f => f.Message));
    }

    [Fact]
    public async Task Check_WhenAgentHoldsNoKeysButKeyFileUsable_FindsNothing()
    {
        var key = await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh");

        Assert.Empty(SshPreflight.Check(Settings(key) with { Agent = true }, Credentials(agent.SocketPath)).Findings);
    }

    [Fact]
    public async Task Check_WhenAgentHoldsAKeyAndNoKeyFileConfigured_FindsNothing()
    {
        await agent.AddAsync(await KeyFiles.CreateAsync(Temp.Path, "ed25519", "openssh"));

        Assert.Empty(SshPreflight.Check(Settings(null) with { Agent = true }, Credentials(agent.SocketPath)).Findings);
    }

    [Fact]
    public void Check_WhenEverythingWrong_ReportsEveryFindingAtOnce()
    {
        var key = Temp.File("missing-key");
        File.WriteAllText(Temp.File("not-a-dir"), string.Empty);
        var settings = Settings(key, Temp.File("not-a-dir/known_hosts")) with { Agent = true, Places = Places() };

        var findings = SshPreflight.Check(settings, Credentials(null)).Findings;

        Assert.Equal(
            [
                "stagecraft.yml:30:14: infra.bootstrap.ssh.agent: is true, but SSH_AUTH_SOCK is not set: start an ssh-agent and add your key with ssh-add, or set agent: false",
                $"stagecraft.yml:31:25: infra.bootstrap.ssh.private_key_path: cannot read private key {key}: file not found",
                $"stagecraft.yml:33:25: infra.bootstrap.ssh.known_hosts_file: cannot create {Temp.File("not-a-dir/known_hosts")}: {Temp.File("not-a-dir")} is a file, not a directory",
            ],
            findings.Select(f => f.Message));
    }

    [Fact]
    public void Check_WhenNeitherKeyFileNorAgent_SaysThereIsNoIdentity()
    {
        var findings = SshPreflight.Check(Settings(null), Credentials(null)).Findings;

        Assert.Equal(["infra.bootstrap.ssh.private_key_path: no identity to log in with: set private_key_path, or agent: true"], findings.Select(f => f.Message));
    }

    [Fact]
    public void KnownHostsProblem_WhenPathIsADirectory_SaysSo()
    {
        Assert.Equal($"{Temp.Path} is a directory; give a file path", SshPreflight.KnownHostsProblem(Temp.Path));
    }

    [Fact]
    public void KnownHostsProblem_WhenFileExistsAndWritable_IsNullAndFileUnchanged()
    {
        var path = Temp.File("known_hosts");
        File.WriteAllText(path, "[10.0.0.1]:22 ssh-ed25519 AAAA\n");
        var written = File.GetLastWriteTimeUtc(path);

        Assert.Null(SshPreflight.KnownHostsProblem(path));
        Assert.Equal("[10.0.0.1]:22 ssh-ed25519 AAAA\n", File.ReadAllText(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void KnownHostsProblem_WhenDirectoriesMissing_IsNullAndCreatesNothing()
    {
        var path = Temp.File("a/b/c/known_hosts");

        Assert.Null(SshPreflight.KnownHostsProblem(path));
        Assert.False(Directory.Exists(Temp.File("a")));
    }

    [Fact]
    public void KnownHostsProblem_WhenOnAReadOnlyFileSystem_SaysItCannotWrite()
    {
        // /proc/self is read-only for everyone, root included (EACCES/EROFS from access(2)).
        Assert.Equal("cannot create /proc/self/known_hosts: /proc/self is not writable", SshPreflight.KnownHostsProblem("/proc/self/known_hosts"));
    }

    /// <summary>The key blob of <c>PATH.pub</c> (<c>TYPE BASE64 COMMENT</c>), as ssh-keygen wrote it.</summary>
    private static byte[] PublicBlob(string privateKeyPath) =>
        Convert.FromBase64String(File.ReadAllText(privateKeyPath + ".pub").Split(' ')[1]);

    private static SshSettings Settings(string? privateKeyPath, string? knownHostsFile = null) =>
        new("root", 22, privateKeyPath, knownHostsFile ?? Path.Combine(Path.GetTempPath(), "stagecraft-preflight-known_hosts"), TimeSpan.FromMinutes(1));

    /// <summary>Marks as the loader would record them for a config with the ssh keys on lines 30–33.</summary>
    private static ConfigPlaces Places() => new("stagecraft.yml", new Dictionary<string, ConfigMark>
    {
        ["infra.bootstrap.ssh.agent"] = new(30, 14),
        ["infra.bootstrap.ssh.private_key_path"] = new(31, 25),
        ["infra.bootstrap.ssh.private_key_passphrase_env"] = new(32, 35),
        ["infra.bootstrap.ssh.known_hosts_file"] = new(33, 25),
    });

    private static SshCredentialSources Credentials(string? agentSocket, string passphrase = "") =>
        new(new DictionarySecrets(new Dictionary<string, string> { [PassphraseVariable] = passphrase }), agentSocket);
}
