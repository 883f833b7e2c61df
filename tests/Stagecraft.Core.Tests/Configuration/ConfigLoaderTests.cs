using Stagecraft.Core.Configuration;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Parse_ValidConfig_BindsEverySection()
    {
        var cloud = new FakeCloudProviderFactory();
        var network = new FakeNetworkProviderFactory();

        var config = TestConfig.Loader(cloud, network).Parse(TestConfig.Valid, "stagecraft.yml");

        Assert.Equal("shop", config.ProjectName);
        Assert.Same(cloud, config.CloudProvider);
        Assert.Same(network, config.NetworkProvider);
        Assert.Equal(["prod", "staging"], config.CloudSettings.Environments.Keys);
        Assert.Equal(["app-1", "db-1", "web-2"], config.CloudSettings.Environments["staging"].Select(h => h.Name));
        Assert.Equal(new SshSettings("root", 22, "/home/op/.ssh/id_ed25519", "/home/op/.config/stagecraft/known_hosts", TimeSpan.FromSeconds(90)), config.Bootstrap.Ssh);
        Assert.Equal(new DockerSettings(true, DockerInstallMethod.Apt), config.Bootstrap.Docker);
    }

    [Fact]
    public void Parse_WithoutInfra_UsesDefaults()
    {
        var yaml = TestConfig.Valid[..TestConfig.Valid.IndexOf("infra:", StringComparison.Ordinal)];

        var config = TestConfig.Loader().Parse(yaml, "stagecraft.yml");

        Assert.Equal(new SshSettings("root", 22, "/home/op/.ssh/id_ed25519", "/home/op/.config/stagecraft/known_hosts", TimeSpan.FromMinutes(5)), config.Bootstrap.Ssh);
        Assert.Equal(new DockerSettings(true, DockerInstallMethod.Apt), config.Bootstrap.Docker);
    }

    [Fact]
    public void Parse_UnknownKeys_AreErrorsWithPlaceAndKnownKeys()
    {
        var yaml = TestConfig.Valid.Replace("  name: shop", "  name: shop\n  nmae: typo", StringComparison.Ordinal)
            .Replace("      ready_timeout: 90s", "      ready_timeout: 90s\n      retries: 3", StringComparison.Ordinal);

        var errors = TestConfig.Errors(yaml);

        Assert.Equal(
            [
                "stagecraft.yml:3:3: project.nmae: unknown key; did you mean name? (expected one of: name)",
                "stagecraft.yml:29:7: infra.bootstrap.ssh.retries: unknown key (expected one of: agent, command_timeout, known_hosts_file, port, private_key_passphrase_env, private_key_path, ready_timeout, user)",
            ],
            errors);
    }

    [Fact]
    public void Parse_MissingRequiredKeys_AreAllReported()
    {
        var errors = TestConfig.Errors("project: {}\ncloud:\n  providers: {}\n");

        Assert.Equal(
            [
                "stagecraft.yml:1:1: network: is required",
                "stagecraft.yml:1:10: project.name: is required",
                "stagecraft.yml:3:3: cloud.provider: is required",
            ],
            errors);
    }

    [Fact]
    public void Parse_UnknownProvider_ListsKnownIds()
    {
        var yaml = TestConfig.Valid.Replace("  provider: fakecloud", "  provider: aws", StringComparison.Ordinal);

        var errors = TestConfig.Errors(yaml);

        Assert.Equal(["stagecraft.yml:4:13: cloud.provider: unknown provider 'aws' (known: fakecloud)"], errors);
    }

    [Fact]
    public void Parse_ProviderSectionForUnregisteredId_IsAnError()
    {
        var yaml = TestConfig.Valid.Replace("    fakenet:\n", "    zerotier: {}\n    fakenet:\n", StringComparison.Ordinal);

        var errors = TestConfig.Errors(yaml);

        Assert.Equal(["stagecraft.yml:17:5: network.providers.zerotier: unknown provider 'zerotier' (known: fakenet)"], errors);
    }

    [Theory]
    [InlineData("      ready_timeout: 90s", "      ready_timeout: soon", "stagecraft.yml:27:22: infra.bootstrap.ssh.ready_timeout: must be a positive duration such as 90s, 5m or 1h")]
    [InlineData("      port: 22", "      port: 70000", "stagecraft.yml:24:13: infra.bootstrap.ssh.port: must be between 1 and 65535 (got 70000)")]
    [InlineData("      port: 22", "      port: ssh", "stagecraft.yml:24:13: infra.bootstrap.ssh.port: must be a whole number")]
    [InlineData("      user: root", "      user: \"root; rm -rf /\"", "stagecraft.yml:23:13: infra.bootstrap.ssh.user: must be a POSIX user name (lowercase letters, digits, '_' and '-', starting with a letter or '_')")]
    [InlineData("      install_method: apt", "      install_method: brew", "stagecraft.yml:30:23: infra.bootstrap.docker.install_method: must be one of apt, script, skip (got 'brew')")]
    [InlineData("      enabled: true", "      enabled: yes", "stagecraft.yml:29:16: infra.bootstrap.docker.enabled: must be true or false")]
    [InlineData("  name: shop", "  name: Shop_1", "stagecraft.yml:2:9: project.name: must be a DNS label (lowercase letters, digits and '-', at most 63 characters)")]
    public void Parse_InvalidValue_ReportsPlaceAndProblem(string from, string to, string expected)
    {
        var errors = TestConfig.Errors(TestConfig.Valid.Replace(from, to, StringComparison.Ordinal));

        Assert.Equal([expected], errors);
    }

    [Theory]
    [InlineData("ready_timeout: 5m", 300)]
    [InlineData("ready_timeout: 1h30m", 5400)]
    [InlineData("ready_timeout: 90s", 90)]
    public void Parse_Durations_AreRead(string line, int seconds)
    {
        var yaml = TestConfig.Valid.Replace("ready_timeout: 90s", line, StringComparison.Ordinal);

        var config = TestConfig.Loader().Parse(yaml, "stagecraft.yml");

        Assert.Equal(TimeSpan.FromSeconds(seconds), config.Bootstrap.Ssh.ReadyTimeout);
    }

    [Fact]
    public void Parse_YamlSyntaxError_ReportsLineAndColumn()
    {
        var errors = TestConfig.Errors("project:\n  name: shop\ncloud: [unclosed\n");

        Assert.Single(errors);
        Assert.StartsWith("stagecraft.yml:4:1: YAML syntax error: ", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Aliases_AreRefused()
    {
        var errors = TestConfig.Errors("project: &p\n  name: shop\nother: *p\n");

        Assert.Equal(["stagecraft.yml:1:10: YAML anchors and aliases are not supported"], errors);
    }

    [Fact]
    public void Parse_DeepNesting_IsBounded()
    {
        var yaml = "project: " + new string('[', 200) + new string(']', 200) + "\n";

        var errors = TestConfig.Errors(yaml);

        Assert.Equal(["stagecraft.yml:1:42: nesting is deeper than 32 levels"], errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Parse_EmptyFile_SaysSo(string yaml)
    {
        Assert.Equal(["stagecraft.yml:1:1: file is empty"], TestConfig.Errors(yaml));
    }

    [Fact]
    public void Parse_RootNotAMapping_SaysWhatItMustBe()
    {
        Assert.Equal(["stagecraft.yml:1:1: the file must be a mapping of sections (project, cloud, network, infra), not a list"], TestConfig.Errors("- a\n- b\n"));
    }

    [Fact]
    public void Load_MissingFile_IsAConfigError()
    {
        var path = Path.Combine(Path.GetTempPath(), "stagecraft-missing-" + Guid.NewGuid().ToString("N") + ".yml");

        var ex = Assert.Throws<ConfigException>(() => TestConfig.Loader().Load(path));

        Assert.StartsWith($"{path}: cannot read config file: Could not find file", ex.Message, StringComparison.Ordinal);
    }
}
