using Stagecraft.Cli.Commands;
using Stagecraft.Cli.Completion;

namespace Stagecraft.Cli.Tests;

/// <summary>
/// <c>stagecraft completion SHELL</c> prints its script, and the suggest directive the scripts call
/// (<c>stagecraft [suggest:N] "line"</c>) answers with commands, options, option values and the config's environments.
/// </summary>
public sealed class CompletionCommandTests
{
    [Theory]
    [InlineData("bash", CompletionScripts.Bash)]
    [InlineData("zsh", CompletionScripts.Zsh)]
    [InlineData("fish", CompletionScripts.Fish)]
    [InlineData("pwsh", CompletionScripts.PowerShell)]
    public async Task Completion_ForAShell_PrintsItsScriptAndExitsZero(string shell, string script)
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("completion", shell);

        Assert.Equal(0, exit);
        Assert.Equal(script, output);
        Assert.Equal(string.Empty, error);
        Assert.Contains("[suggest:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_ForAnUnknownShell_IsOneUsageLineAndExitsOne()
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("completion", "tcsh");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("stagecraft: Argument 'tcsh' not recognized. Must be one of: 'bash', 'zsh', 'fish', 'pwsh' (see stagecraft completion --help)\n", error);
    }

    [Fact]
    public async Task Suggest_AfterInfra_ListsItsSubcommandsAndHelp()
    {
        using var world = new CliWorld();

        var infra = StagecraftCli.Build(world.Dependencies, TextWriter.Null, TextWriter.Null).Subcommands.Single(c => c.Name == "infra");
        var subcommands = infra.Subcommands.Select(c => c.Name + "\n").Order(StringComparer.Ordinal);

        var (exit, output, error) = await Suggest(world, "stagecraft infra ");

        Assert.Equal(0, exit);
        Assert.Equal("--help\n-?\n-h\n/?\n/h\n" + string.Concat(subcommands), output);
        Assert.Contains("down\nhosts\n", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Suggest_APartialCommand_CompletesIt()
    {
        using var world = new CliWorld();

        Assert.Equal("completion\n", (await Suggest(world, "stagecraft comp")).Output);
        Assert.Equal("hosts\n", (await Suggest(world, "stagecraft infra ho")).Output);
    }

    [Fact]
    public async Task Suggest_CompletionShell_ListsTheShells()
    {
        using var world = new CliWorld();

        var (_, output, _) = await Suggest(world, "stagecraft completion ");

        Assert.Equal("--help\n-?\n-h\n/?\n/h\nbash\nfish\npwsh\nzsh\n", output);
    }

    [Fact]
    public async Task Suggest_AnOptionName_CompletesTheCommandsOptions()
    {
        using var world = new CliWorld();

        var (_, output, _) = await Suggest(world, "stagecraft infra up --d");

        Assert.Equal("--dry-run\n", output);
    }

    [Theory]
    [InlineData("stagecraft infra up -o ", "json\ntext\n")]
    [InlineData("stagecraft infra down --output j", "json\n")]
    [InlineData("stagecraft infra hosts --format ", "ansible\njson\nssh-config\ntext\n")]
    [InlineData("stagecraft infra hosts --via m", "mesh\n")]
    public async Task Suggest_AnOptionValue_ListsTheAcceptedValues(string line, string expected)
    {
        using var world = new CliWorld();

        var (exit, output, _) = await Suggest(world, line);

        Assert.Equal(0, exit);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    [InlineData("hosts")]
    public async Task Suggest_Env_ListsTheEnvironmentsOfTheConfigGiven(string command)
    {
        using var world = new CliWorld();

        var (exit, output, error) = await Suggest(world, $"stagecraft infra {command} --config {world.ConfigPath} --env ");

        Assert.Equal(0, exit);
        Assert.Equal("prod\nstaging\n", output);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Suggest_EnvPrefix_ListsOnlyTheMatchingEnvironments()
    {
        using var world = new CliWorld();

        var (_, output, _) = await Suggest(world, $"stagecraft infra up -c {world.ConfigPath} -e st");

        Assert.Equal("staging\n", output);
    }

    [Theory]
    [InlineData("missing.yml")]
    [InlineData("invalid")]
    [InlineData("not yaml")]
    [InlineData("directory")]
    public async Task Suggest_EnvWithAConfigThatDoesNotLoad_PrintsAnEmptyLineAndExitsZero(string kind)
    {
        using var world = new CliWorld();
        var directory = Path.GetDirectoryName(world.ConfigPath)!;
        var path = Path.Combine(directory, kind == "directory" ? "sub" : "other.yml");
        switch (kind)
        {
            case "invalid":
                File.WriteAllText(path, CliWorld.Config.Replace("role: db", "rol: db", StringComparison.Ordinal));
                break;
            case "not yaml":
                File.WriteAllText(path, "project: [unclosed\n\t:");
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            default:
                path = Path.Combine(directory, kind);
                break;
        }

        var (exit, output, error) = await Suggest(world, $"stagecraft infra up --config {path} --env ");

        Assert.Equal(0, exit);
        Assert.Equal("\n", output); // the directive's one empty line: no suggestion (the scripts drop empty lines)
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Suggest_WithoutPosition_StillExitsZero()
    {
        using var world = new CliWorld();

        var (exit, _, error) = await world.RunAsync("[suggest]", "stagecraft infra ");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
    }

    private static Task<(int ExitCode, string Output, string Error)> Suggest(CliWorld world, string line) =>
        world.RunAsync($"[suggest:{line.Length}]", line);
}
