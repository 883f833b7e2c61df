using System.Text;
using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Tests.BadInput;

/// <summary>Bounded hostile inputs: each is refused (or read) with a clear, placed error, stopped by a structural limit.</summary>
public sealed class HostileConfigTests
{
    [Fact]
    public void Parse_AliasBomb_IsRefusedAtTheFirstAnchor()
    {
        var yaml = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        var errors = ParseErrors(yaml.ToString());

        Assert.Equal(["stagecraft.yml:1:4: YAML anchors and aliases are not supported"], errors);
    }

    [Fact]
    public void Parse_MergeKeyAlias_IsRefused()
    {
        var errors = ParseErrors("project:\n  <<: *base\n  name: shop\n");

        Assert.Equal(["stagecraft.yml:2:7: YAML aliases are not supported"], errors);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Parse_TenThousandDeepNesting_SaysNestingIsTooDeep(string open, string close)
    {
        var yaml = string.Concat(Enumerable.Repeat(open, 10_000)) + "x" + string.Concat(Enumerable.Repeat(close, 10_000));

        var errors = ParseErrors(yaml);

        var error = Assert.Single(errors);
        Assert.Matches(@"^stagecraft\.yml:1:\d+: nesting is deeper than 32 levels\z", error);
    }

    [Fact]
    public void Parse_TwoMebibyteText_IsRefusedBySize()
    {
        var yaml = "project:\n  name: " + new string('x', 2 * 1024 * 1024) + "\n";

        var errors = ParseErrors(yaml);

        Assert.Equal(["stagecraft.yml:1:1: file is larger than 1024 KiB"], errors);
    }

    [Fact]
    public void Load_TwoMebibyteFile_IsRefusedBeforeReading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stagecraft-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, new string('#', 2 * 1024 * 1024));
        try
        {
            var ex = Assert.Throws<ConfigException>(() => FakeProviderConfigs.Loader().Load(path));

            Assert.Equal($"{path}: file is larger than 1024 KiB", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_HundredThousandKeyMapping_StopsAtTheValueLimit()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            yaml.Append('k').Append(i.ToString("d5", System.Globalization.CultureInfo.InvariantCulture)).Append(": 1\n");
        }

        Assert.True(yaml.Length <= YamlConfigParser.MaxBytes);

        var errors = ParseErrors(yaml.ToString());

        var error = Assert.Single(errors);
        Assert.Equal("stagecraft.yml:50000:9: more than 100000 values", error);
    }

    [Fact]
    public void Parse_FortyThousandUnknownKeys_ReportsEveryOne()
    {
        var yaml = new StringBuilder(FakeProviderConfigs.Valid).Append('\n');
        for (var i = 0; i < 40_000; i++)
        {
            yaml.Append('k').Append(i.ToString("d5", System.Globalization.CultureInfo.InvariantCulture)).Append(": 1\n");
        }

        var errors = ParseErrors(yaml.ToString());

        Assert.Equal(40_000, errors.Count);
        Assert.Equal("stagecraft.yml:31:1: k00000: unknown key (expected one of: cloud, infra, network, project)", errors[0]);
    }

    [Fact]
    public void Parse_YamlDotNetScannerFailure_IsASyntaxError()
    {
        // YamlDotNet throws InvalidOperationException (not YamlException) on this input.
        var errors = ParseErrors(":\r[\rL");

        Assert.Equal(["stagecraft.yml:1:1: YAML syntax error: the text after this point cannot be parsed"], errors);
    }

    [Fact]
    public void Parse_TagThatIsNotAUri_IsASyntaxError()
    {
        // YamlDotNet throws ArgumentException (not YamlException) for this tag.
        var errors = ParseErrors("!!R@i+X *iobs)0]");

        Assert.Equal(["stagecraft.yml:1:8: YAML syntax error: the text after this point cannot be parsed"], errors);
    }

    [Fact]
    public void Parse_KeyWithLineBreaksAndControls_IsReportedOnOneLineEscaped()
    {
        var errors = ParseErrors(FakeProviderConfigs.Valid.Replace("  name: shop", "  name: shop\n  \"na\\nme\\r\\u001b[2J\\u2028\": x", StringComparison.Ordinal));

        Assert.Equal(["stagecraft.yml:3:3: project.na\\nme\\r\\u001b[2J\\u2028: unknown key (expected one of: name)"], errors);
    }

    // No time bound here: speed is a benchmark's business, and a wall-clock assertion fails on a loaded machine. What
    // keeps hostile input cheap is structural (no aliases, depth, size and value limits), and each test asserts the
    // limit that stopped the parser.
    private static List<string> ParseErrors(string yaml)
    {
        var ex = Assert.IsType<ConfigException>(Record.Exception(() => FakeProviderConfigs.Parse(yaml)));
        return [.. ex.Message.Split('\n')];
    }
}
