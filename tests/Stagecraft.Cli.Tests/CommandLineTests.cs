using System.CommandLine;
using System.Text.Json;
using Stagecraft.Cli.Commands;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary>Bad command lines: one line on stderr, exit 1, help only when asked for, and one JSON document with --output json.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] BadValues = ["abc", "", "0", "-1", "99999999999", "1.5", "yaml"];

    /// <summary>Every option of every command, as the command path and the option's name (help and version excluded).</summary>
    public static TheoryData<string, string> Options()
    {
        var data = new TheoryData<string, string>();
        using var world = new CliWorld();
        var root = StagecraftCli.Build(world.Dependencies, TextWriter.Null, TextWriter.Null);
        foreach (var (path, option) in AllOptions(root, string.Empty))
        {
            data.Add(path, option.Name);
        }

        return data;
    }

    [Fact]
    public async Task InfraUp_ParallelismNotANumber_IsOneLineAndExitsOneInsteadOfCrashing()
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("infra", "up", "-p", "abc");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("stagecraft: --parallelism must be a whole number from 1 to 512, not 'abc' (see stagecraft infra up --help)\n", error);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task AnyOption_WithABadOrMissingValue_IsOneLineOnStderrAndExitsOne(string command, string name)
    {
        using var world = new CliWorld().WithHealthyStaging();
        var root = StagecraftCli.Build(world.Dependencies, TextWriter.Null, TextWriter.Null);
        var option = AllOptions(root, string.Empty).Single(o => o.Path == command && o.Option.Name == name).Option;
        var hosts = command == "infra hosts";
        string[] run = command switch
        {
            "infra hosts" => ["infra", "hosts", "--config", world.ConfigPath, "--env", "staging"],
            "infra down" => ["infra", "down", "--config", world.ConfigPath, "--env", "staging", "--dry-run"],
            "infra status" => ["infra", "status", "--config", world.ConfigPath, "--env", "staging"],
            _ => ["infra", "up", "--config", world.ConfigPath, "--env", "staging", "--no-bootstrap"],
        };
        string[] asJson = hosts ? ["--format", "json"] : ["--output", "json"];
        var schema = ReportSchema.For(command switch
        {
            "infra hosts" => "docs/schema/infra-hosts-report.schema.json",
            "infra down" => "docs/schema/infra-down-report.schema.json",
            "infra status" => "docs/schema/infra-status-report.schema.json",
            _ => ReportSchema.RelativePath,
        });
        var lines = new List<string[]>();
        foreach (var spelling in option.Aliases.Append(option.Name))
        {
            lines.Add([spelling]);
            foreach (var value in BadValues)
            {
                lines.Add([spelling, value]);
                lines.Add([$"{spelling}={value}"]);
            }
        }

        Assert.NotEmpty(lines);
        foreach (var tail in lines)
        {
            string[] args = [.. run, .. tail];
            var (exit, output, error) = await world.RunAsync(args);
            var what = $"{command} {string.Join(' ', tail)}";

            if (root.Parse(args).Errors.Count == 0 && exit == 0)
            {
                continue; // a value this option accepts: the run itself succeeded.
            }

            Assert.True(exit == 1, $"{what}: exit {exit}, stderr {error}");
            Assert.True(error.EndsWith('\n') && error.IndexOf('\n', StringComparison.Ordinal) == error.Length - 1, $"{what}: not one line: {error}");
            Assert.StartsWith("stagecraft: ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Usage:", output, StringComparison.Ordinal);
            if (name is not "--output" and not "--format")
            {
                var json = await world.RunAsync([.. args, .. asJson]);
                Assert.True(json.ExitCode == 1, $"{what} (json): exit {json.ExitCode}");
                using var document = JsonDocument.Parse(json.Output);
                Assert.Equal(1, document.RootElement.GetProperty("exit_code").GetInt32());
                Assert.Empty(schema.ErrorsIn(json.Output));
            }
        }
    }

    [Theory]
    [InlineData("usage", "infra", "up", "--bogus", "--output", "json")]
    [InlineData("usage", "infra", "up", "-o", "json", "--bogus")]
    [InlineData("usage", "infra", "up", "--output=json", "-p", "abc")]
    [InlineData("usage", "infra", "up", "-o:json", "--parallelism", "0")]
    [InlineData("usage", "infra", "up", "-o", "json", "--env")]
    [InlineData("usage", "infra", "up", "-o", "json", "extra-argument")]
    [InlineData("usage", "infra", "-o", "json")]
    [InlineData("usage", "-o", "json")]
    [InlineData("usage", "infra", "dwon", "-o", "json")]
    [InlineData("config", "infra", "up", "-o", "json", "--config", "{config}")]
    [InlineData("config", "infra", "up", "-o", "json", "--config", "{config}", "--env", "nope")]
    public async Task Json_AnyBadCommandLine_IsExactlyOneReportWithTheErrorAndNoHelp(string kind, params string[] args)
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync([.. args.Select(a => a.Replace("{config}", world.ConfigPath, StringComparison.Ordinal))]);

        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(output); // throws on anything before or after the one document
        Assert.Empty(ReportSchema.Errors(output));
        var root = document.RootElement;
        Assert.Equal(kind, root.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(1, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(0, root.GetProperty("hosts").GetArrayLength());
        Assert.Equal($"stagecraft: {root.GetProperty("error").GetProperty("message").GetString()}\n", error);
        Assert.DoesNotContain("Usage:", output, StringComparison.Ordinal);
        Assert.Empty(world.Cloud.Cloud.Calls);
    }

    [Theory]
    [InlineData("infra", "up", "--bogus")]
    [InlineData("infra", "up", "-o", "yaml")]
    [InlineData("infra")]
    public async Task Text_ParseError_PrintsNoHelpOnStdout(params string[] args)
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Text_ValueNotAmongChoices_NamesTheChoicesOnOneLine()
    {
        using var world = new CliWorld();

        var (_, _, error) = await world.RunAsync("infra", "up", "-o", "yaml");

        Assert.Equal("stagecraft: Argument 'yaml' not recognized. Must be one of: 'text', 'json' (see stagecraft infra up --help)\n", error);
    }

    [Theory]
    [InlineData("infra", "up", "--help")]
    [InlineData("infra", "up", "-o", "json", "--help")]
    [InlineData("--help")]
    public async Task Help_WhenAskedFor_GoesToStdout(params string[] args)
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("text", "infra", "up")]
    [InlineData("json", "infra", "up", "-o", "json")]
    [InlineData("json", "infra", "up", "--output", "text", "--output", "json")]
    [InlineData("text", "infra", "up", "--output", "json", "-o", "text")]
    [InlineData("json", "infra", "up", "--output=json")]
    [InlineData("json", "infra", "up", "-o:json")]
    [InlineData("text", "infra", "up", "--", "-o", "json")]
    [InlineData("text", "infra", "up", "-o")]
    [InlineData("text", "infra", "up", "--output=")]
    public void RequestedOutput_ReadsTheFormatFromRawTokens(string expected, params string[] args)
    {
        Assert.Equal(expected, RequestedOutput.Format(args).ToString().ToLowerInvariant());
    }

    [Theory]
    [InlineData(true, "infra", "up", "-v")]
    [InlineData(true, "--verbose")]
    [InlineData(false, "infra", "up", "--", "-v")]
    [InlineData(false, "infra", "up")]
    public void RequestedOutput_Verbose(bool expected, params string[] args)
    {
        Assert.Equal(expected, RequestedOutput.Verbose(args));
    }

    [Theory]
    [InlineData(FakeTokens.DigitalOcean)]
    [InlineData(FakeTokens.TailscaleAuthKey)]
    [InlineData("0123456789abcdefABCDEF0123456789abcdef")]
    public async Task ParseError_ATokenThatLooksLikeASecret_IsNeverEchoed(string secret)
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("infra", "up", "--token", secret, "-o", "json");

        Assert.Equal(1, exit);
        Assert.DoesNotContain(secret, output + error, StringComparison.Ordinal);
        Assert.Contains("'[redacted]'", error, StringComparison.Ordinal);
        Assert.Contains("'--token'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/home/op/projects/shop/config/stagecraft.production.yml", false)]
    [InlineData("staging", false)]
    [InlineData("dop_v1_short", true)]
    public void LooksLikeASecret_PathsAndNamesAreShown(string token, bool secret)
    {
        Assert.Equal(secret, UsageErrors.LooksLikeASecret(token));
    }

    private static IEnumerable<(string Path, Option Option)> AllOptions(Command command, string path) =>
        command.Options.Where(o => o is not System.CommandLine.Help.HelpOption and not VersionOption)
            .Select(o => (path, (Option)o))
            .Concat(command.Subcommands.SelectMany(c => AllOptions(c, path.Length == 0 ? c.Name : $"{path} {c.Name}")));
}
