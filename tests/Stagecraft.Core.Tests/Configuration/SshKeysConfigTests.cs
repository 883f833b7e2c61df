using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Tests.Configuration;

/// <summary>
/// <c>infra.bootstrap.ssh.agent</c> and <c>private_key_passphrase_env</c>, and the places of the key settings that a
/// preflight finding may blame.
/// </summary>
public sealed class SshKeysConfigTests
{
    private const string KeyPathLine = "      private_key_path: ~/.ssh/id_ed25519";

    [Fact]
    public void Parse_WithoutAgentOrPassphrase_UsesTheKeyFileAlone()
    {
        var ssh = TestConfig.Loader().Parse(TestConfig.Valid, "stagecraft.yml").Bootstrap.Ssh;

        Assert.False(ssh.Agent);
        Assert.Null(ssh.PrivateKeyPassphraseEnv);
        Assert.Equal("/home/op/.ssh/id_ed25519", ssh.PrivateKeyPath);
    }

    [Fact]
    public void Parse_WithAgentAndPassphraseEnv_ReadsBoth()
    {
        var yaml = TestConfig.Valid.Replace(KeyPathLine, $"      agent: true\n{KeyPathLine}\n      private_key_passphrase_env: KEY_PASSPHRASE", StringComparison.Ordinal);

        var ssh = TestConfig.Loader().Parse(yaml, "stagecraft.yml").Bootstrap.Ssh;

        Assert.True(ssh.Agent);
        Assert.Equal("KEY_PASSPHRASE", ssh.PrivateKeyPassphraseEnv);
        Assert.Equal("/home/op/.ssh/id_ed25519", ssh.PrivateKeyPath);
    }

    [Fact]
    public void Parse_WithAgentAndNoKeyPath_UsesTheAgentAlone()
    {
        var yaml = TestConfig.Valid.Replace(KeyPathLine, "      agent: true", StringComparison.Ordinal);

        var ssh = TestConfig.Loader().Parse(yaml, "stagecraft.yml").Bootstrap.Ssh;

        Assert.True(ssh.Agent);
        Assert.Null(ssh.PrivateKeyPath);
    }

    [Fact]
    public void Parse_WithAgentFalseAndNoKeyPath_UsesTheDefaultKeyFile()
    {
        var yaml = TestConfig.Valid.Replace(KeyPathLine, "      agent: false", StringComparison.Ordinal);

        var ssh = TestConfig.Loader().Parse(yaml, "stagecraft.yml").Bootstrap.Ssh;

        Assert.False(ssh.Agent);
        Assert.Equal("/home/op/.ssh/id_ed25519", ssh.PrivateKeyPath);
    }

    [Fact]
    public void Parse_RecordsWhereEachKeySettingWasWritten()
    {
        var yaml = TestConfig.Valid.Replace(KeyPathLine, $"      agent: true\n{KeyPathLine}\n      private_key_passphrase_env: KEY_PASSPHRASE", StringComparison.Ordinal);

        var ssh = TestConfig.Loader().Parse(yaml, "stagecraft.yml").Bootstrap.Ssh;

        Assert.Equal("stagecraft.yml:25:14: infra.bootstrap.ssh.agent: x", ssh.Describe("agent", "x"));
        Assert.Equal("stagecraft.yml:26:25: infra.bootstrap.ssh.private_key_path: x", ssh.Describe("private_key_path", "x"));
        Assert.Equal("stagecraft.yml:27:35: infra.bootstrap.ssh.private_key_passphrase_env: x", ssh.Describe("private_key_passphrase_env", "x"));
        Assert.Equal("stagecraft.yml:28:25: infra.bootstrap.ssh.known_hosts_file: x", ssh.Describe("known_hosts_file", "x"));
    }

    [Fact]
    public void Parse_WithoutInfra_HasNoPlacesAndNamesKeysByPathAlone()
    {
        var yaml = TestConfig.Valid[..TestConfig.Valid.IndexOf("infra:", StringComparison.Ordinal)];

        var ssh = TestConfig.Loader().Parse(yaml, "stagecraft.yml").Bootstrap.Ssh;

        Assert.Equal("infra.bootstrap.ssh.private_key_path: x", ssh.Describe("private_key_path", "x"));
        Assert.Null(ssh.Places.Find("infra.bootstrap.ssh.private_key_path"));
    }

    [Theory]
    [InlineData("agent: yes", "stagecraft.yml:25:14: infra.bootstrap.ssh.agent: must be true or false")]
    [InlineData("private_key_passphrase_env: \"\"", "stagecraft.yml:25:35: infra.bootstrap.ssh.private_key_passphrase_env: must not be empty")]
    public void Parse_WhenValueInvalid_ReportsPlaceAndProblem(string line, string expected)
    {
        var errors = TestConfig.Errors(TestConfig.Valid.Replace(KeyPathLine, $"      {line}\n{KeyPathLine}", StringComparison.Ordinal));

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Equality_IgnoresWhereKeysWereWritten()
    {
        var a = new SshSettings("root", 22, "/k", "/kh", TimeSpan.FromMinutes(1), Agent: true, PrivateKeyPassphraseEnv: "P");
        var b = a with { Places = new ConfigPlaces("stagecraft.yml", new Dictionary<string, ConfigMark> { ["infra.bootstrap.ssh.agent"] = new(1, 2) }) };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Agent = false });
        Assert.NotEqual(a, a with { PrivateKeyPassphraseEnv = null });
        Assert.False(a.Equals(null));
    }
}
