using Stagecraft.Core.Secrets;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Configuration;

/// <summary>Every YAML problem carries the line and column of the offending text; secrets pasted into *_env keys are never shown.</summary>
public sealed class YamlErrorPlacesTests
{
    private const string KeyPathLine = "      private_key_path: ~/.ssh/id_ed25519";

    [Theory]
    [InlineData("project:\n\tname: shop\n", 2, 1)]
    [InlineData("project:\n  name: shop\ncloud:\n  provider: fakecloud\n\tproviders: {}\n", 5, 1)]
    [InlineData("a:\n  b:\n    c: 1\n\t\td: 2\n", 4, 1)]
    public void Parse_TabIndentation_IsBlamedAtTheTab(string yaml, int line, int column)
    {
        var errors = TestConfig.Errors(yaml);

        Assert.Equal([$"stagecraft.yml:{line}:{column}: YAML syntax error: a tab is used for indentation; YAML indents with spaces only"], errors);
    }

    [Fact]
    public void Parse_TabInsideAValue_IsNoIndentationError()
    {
        var errors = TestConfig.Errors("project:\n  name: \"a\tb\"\n  bad: [\n");

        Assert.Single(errors);
        Assert.DoesNotContain("tab", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("project: [unclosed\n", 2, 1)]
    [InlineData("project:\n  name: shop\n bad: 1\n", 3, 2)]
    [InlineData("project: {a: 1\n", 2, 1)]
    [InlineData("project:\n  name: \"unterminated\n", 2, 9)]
    [InlineData("project:\n  - a\n  b: 1\n", 3, 3)]
    [InlineData("key: value: other\n", 1, 11)]
    [InlineData("project:\n  name: 'x'y\n", 2, 12)]
    [InlineData("%YAML 9.9\n---\na: 1\n", 1, 1)]
    [InlineData("project:\n  name: shop\n---\nother: 1\n", 3, 1)]
    public void Parse_MalformedYaml_IsOneErrorWithItsPlaceAndNoExceptionText(string yaml, int line, int column)
    {
        var errors = TestConfig.Errors(yaml);

        var error = Assert.Single(errors);
        Assert.StartsWith($"stagecraft.yml:{line}:{column}: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_NamesTheFullPathAndTheFirstLine()
    {
        var yaml = TestConfig.Valid.Replace("db-1: { role: db }", "db-1: { role: db }\n          db-1: { role: app }", StringComparison.Ordinal);

        var errors = TestConfig.Errors(yaml);

        Assert.Equal(["stagecraft.yml:12:11: cloud.providers.fakecloud.hosts.staging.db-1: duplicate key (first at line 11)"], errors);
    }

    [Fact]
    public void Parse_DuplicateTopLevelKey_NamesItAndTheFirstLine()
    {
        var errors = TestConfig.Errors(TestConfig.Valid.Replace("  name: shop", "  name: shop\n  name: other", StringComparison.Ordinal));

        Assert.Equal(["stagecraft.yml:3:3: project.name: duplicate key (first at line 2)"], errors);
    }

    [Fact]
    public void Parse_DuplicateKeyInsideAListItem_NamesTheItemIndex()
    {
        var yaml = TestConfig.Valid.Replace("      default_tags: [\"tag:stagecraft\"]", "      default_tags: [\"tag:stagecraft\"]\n      extra:\n        - { a: 1, a: 2 }", StringComparison.Ordinal);

        var errors = TestConfig.Errors(yaml);

        Assert.Contains("stagecraft.yml:20:19: network.providers.fakenet.extra[0].a: duplicate key (first at line 20)", errors);
    }

    [Theory]
    [InlineData(FakeTokens.DigitalOcean)]
    [InlineData(FakeTokens.TailscaleAuthKey)]
    [InlineData("s3cr3t-p@ss word!")]
    [InlineData("Xk2pQ9mZr7TbW4vN8sYc1LdHf")]
    [InlineData("a8f3c9e1b2d4f6a8c0e2b4d6f8a0c2e4")]
    public void Parse_SecretInPassphraseEnv_IsRefusedWithoutShowingIt(string value)
    {
        var yaml = TestConfig.Valid.Replace(KeyPathLine, $"{KeyPathLine}\n      private_key_passphrase_env: \"{value}\"", StringComparison.Ordinal);

        var errors = TestConfig.Errors(yaml);

        var error = Assert.Single(errors);
        Assert.StartsWith("stagecraft.yml:26:35: infra.bootstrap.ssh.private_key_passphrase_env: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dop_v1_0123456789abcdef", true)]
    [InlineData("DOP_V1_ABC", true)]
    [InlineData("tskey-auth-x", true)]
    [InlineData("Xk2pQ9mZr7TbW4vN8sYc1LdHf", true)]
    [InlineData("a8f3c9e1b2d4f6a8c0e2b4d6f8a0c2e4", true)]
    [InlineData("Abc_Def_Ghi_Jkl_Mno_Pqr_Stu9", true)]
    [InlineData("DO_TOKEN", false)]
    [InlineData("DIGITALOCEAN_ACCESS_TOKEN", false)]
    [InlineData("STAGECRAFT_PRODUCTION_TOKEN_2024", false)]
    [InlineData("ts_authkey_for_the_staging_env", false)]
    [InlineData("short", false)]
    [InlineData("/home/op/.ssh/id_ed25519", false)]
    [InlineData("/home/op/projects/shop/config/stagecraft.production.yml", false)]
    [InlineData("averyveryverylongvariablename", false)]
    public void LooksLikeSecret_KnownPrefixesAndLongRandomValues(string value, bool expected)
    {
        Assert.Equal(expected, SecretShape.LooksLikeSecret(value));
    }

    [Theory]
    [InlineData("DO_TOKEN", true)]
    [InlineData("_X", true)]
    [InlineData("1TOKEN", false)]
    [InlineData("MY-TOKEN", false)]
    [InlineData("my token", false)]
    [InlineData("", false)]
    [InlineData("dop_v1_abc", false)]
    public void IsPlausibleVariableName_IsAPortableNameThatIsNoSecret(string value, bool expected)
    {
        Assert.Equal(expected, SecretShape.IsPlausibleVariableName(value));
    }
}
