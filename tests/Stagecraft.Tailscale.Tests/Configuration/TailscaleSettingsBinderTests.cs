using Stagecraft.Core.Configuration;
using Stagecraft.Tailscale.Configuration;

namespace Stagecraft.Tailscale.Tests.Configuration;

public sealed class TailscaleSettingsBinderTests
{
    private const string Path = "network.providers.tailscale";

    [Fact]
    public void Bind_WhenSectionIsComplete_ReadsEveryValue()
    {
        var (settings, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            default_tags:
              - tag:stagecraft
              - tag:server
            role_tags:
              web:
                - tag:web
              db:
                - tag:db
                - tag:backup
            install:
              method: skip
              min_version: "1.60.0"
            """);

        Assert.Empty(errors);
        Assert.Equal("TS_AUTHKEY", settings.AuthKeyEnv);
        Assert.Equal("example.ts.net", settings.TailnetDomain);
        Assert.Equal(["tag:stagecraft", "tag:server"], settings.DefaultTags);
        Assert.Equal(["db", "web"], settings.RoleTags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["tag:web"], settings.RoleTags["web"]);
        Assert.Equal(["tag:db", "tag:backup"], settings.RoleTags["db"]);
        Assert.Equal(TailscaleInstallMethod.Skip, settings.InstallMethod);
        Assert.Equal(new Version(1, 60, 0), settings.MinVersion);
    }

    [Fact]
    public void Bind_WhenOptionalKeysAreMissing_UsesDefaults()
    {
        var (settings, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            """);

        Assert.Empty(errors);
        Assert.Empty(settings.DefaultTags);
        Assert.Empty(settings.RoleTags);
        Assert.Equal(TailscaleInstallMethod.Auto, settings.InstallMethod);
        Assert.Null(settings.MinVersion);
    }

    [Fact]
    public void Bind_WhenInstallHasOnlyMethodAuto_HasNoMinVersion()
    {
        var (settings, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            install:
              method: auto
            """);

        Assert.Empty(errors);
        Assert.Equal(TailscaleInstallMethod.Auto, settings.InstallMethod);
        Assert.Null(settings.MinVersion);
    }

    [Fact]
    public void Bind_WhenRequiredKeysAreMissing_ReportsBothAtTheSection()
    {
        var (_, errors) = Bind(
            """
            default_tags:
              - tag:server
            """);

        Assert.Equal(
            [
                $"stagecraft.yml:1:1: {Path}.auth_key_env: is required",
                $"stagecraft.yml:1:1: {Path}.tailnet_domain: is required",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenRequiredKeyIsNull_ReportsAtTheKey()
    {
        var (_, errors) = Bind(
            """
            tailnet_domain: example.ts.net
            auth_key_env:
            """);

        Assert.Equal([$"stagecraft.yml:2:1: {Path}.auth_key_env: is required"], errors);
    }

    [Fact]
    public void Bind_WhenAuthKeyEnvIsNotAVariableName_ReportsAtTheValue()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: 1TS-KEY
            tailnet_domain: example.ts.net
            """);

        Assert.Equal(
            [$"stagecraft.yml:1:15: {Path}.auth_key_env: must be the name of an environment variable (letters, digits and '_', not starting with a digit); the value is not shown in case it is a secret"],
            errors);
    }

    [Theory]
    [InlineData("Example.ts.net")]
    [InlineData("example")]
    [InlineData("example.ts.net.")]
    [InlineData("-bad.ts.net")]
    [InlineData("exa_mple.ts.net")]
    public void Bind_WhenTailnetDomainIsNotALowercaseDnsName_ReportsAtTheValue(string domain)
    {
        var (_, errors) = Bind(
            $"""
            auth_key_env: TS_AUTHKEY
            tailnet_domain: {domain}
            """);

        Assert.Equal(
            [$"stagecraft.yml:2:17: {Path}.tailnet_domain: must be a DNS name such as example.ts.net (lowercase labels separated by dots), got '{domain}'"],
            errors);
    }

    [Fact]
    public void Bind_WhenDefaultTagLacksPrefix_NamesTheTagAtItsItem()
    {
        var (settings, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            default_tags:
              - tag:server
              - server
              - tag:9lives
            """);

        Assert.Equal(
            [
                $"stagecraft.yml:5:5: {Path}.default_tags[1]: 'server' is not a valid tag: tags must start with \"tag:\" followed by a letter, then letters, digits or '-'",
                $"stagecraft.yml:6:5: {Path}.default_tags[2]: 'tag:9lives' is not a valid tag: tags must start with \"tag:\" followed by a letter, then letters, digits or '-'",
            ],
            errors);
        Assert.Equal(["tag:server"], settings.DefaultTags);
    }

    [Fact]
    public void Bind_WhenDefaultTagsIsNotAList_ReportsTheKind()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            default_tags: tag:server
            """);

        Assert.Equal([$"stagecraft.yml:3:15: {Path}.default_tags: must be a list of strings, not a scalar"], errors);
    }

    [Fact]
    public void Bind_WhenDefaultTagsRepeatATag_KeepsItOnce()
    {
        var (settings, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            default_tags:
              - tag:server
              - tag:server
            """);

        Assert.Empty(errors);
        Assert.Equal(["tag:server"], settings.DefaultTags);
    }

    [Fact]
    public void Bind_WhenRoleTagIsInvalid_NamesRoleAndTag()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            role_tags:
              web:
                - web
            """);

        Assert.Equal(
            [$"stagecraft.yml:5:7: {Path}.role_tags.web[0]: 'web' is not a valid tag: tags must start with \"tag:\" followed by a letter, then letters, digits or '-'"],
            errors);
    }

    [Fact]
    public void Bind_WhenRoleIsNotADnsLabel_ReportsAtTheKey()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            role_tags:
              Web_Server:
                - tag:web
            """);

        Assert.Equal(
            [$"stagecraft.yml:4:3: {Path}.role_tags.Web_Server: role must be a DNS label (lowercase letters, digits and '-', not starting or ending with '-')"],
            errors);
    }

    [Fact]
    public void Bind_WhenRoleTagsIsNotAMapping_ReportsTheKind()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            role_tags:
              - tag:web
            """);

        Assert.Equal([$"stagecraft.yml:4:3: {Path}.role_tags: must be a mapping, not a list"], errors);
    }

    [Fact]
    public void Bind_WhenInstallMethodIsUnknown_ListsTheChoices()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            install:
              method: script
            """);

        Assert.Equal([$"stagecraft.yml:4:11: {Path}.install.method: must be one of auto, skip (got 'script')"], errors);
    }

    [Theory]
    [InlineData("\"1.60\"", 16)]
    [InlineData("v1.60.0", 16)]
    [InlineData("\"1.60.0-rc1\"", 16)]
    public void Bind_WhenMinVersionIsNotSemver_ReportsAtTheValue(string value, int column)
    {
        var (_, errors) = Bind(
            $"""
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            install:
              min_version: {value}
            """);

        Assert.Equal([$"stagecraft.yml:4:{column}: {Path}.install.min_version: must be a version such as 1.60.0 (got '{value.Trim('"')}')"], errors);
    }

    [Fact]
    public void Bind_WhenKeysAreUnknown_ReportsEachWithTheKnownKeys()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: TS_AUTHKEY
            tailnet_domain: example.ts.net
            authkey: tskey-oops
            install:
              methd: skip
            """);

        Assert.Equal(
            [
                $"stagecraft.yml:3:1: {Path}.authkey: unknown key (expected one of: auth_key_env, default_tags, install, role_tags, tailnet_domain)",
                $"stagecraft.yml:5:3: {Path}.install.methd: unknown key; did you mean method? (expected one of: method, min_version)",
            ],
            errors);
    }

    [Fact]
    public void Bind_WhenManyThingsAreWrong_CollectsEveryError()
    {
        var (_, errors) = Bind(
            """
            auth_key_env: bad-name
            tailnet_domain: EXAMPLE
            default_tags:
              - server
            install:
              method: apt
            """);

        Assert.Equal(4, errors.Count);
    }

    private static (TailscaleSettings Settings, List<string> Errors) Bind(string yaml)
    {
        var diagnostics = new ConfigDiagnostics("stagecraft.yml");
        var mapping = Assert.IsType<ConfigMapping>(YamlConfigParser.Parse(yaml, diagnostics));
        var section = new ConfigSection(mapping, Path, diagnostics, "/home/test");
        var settings = Assert.IsType<TailscaleSettings>(new TailscaleProviderFactory().Bind(section));
        return (settings, [.. diagnostics.Errors.Select(e => e.ToString())]);
    }
}
