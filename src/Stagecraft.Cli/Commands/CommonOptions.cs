using System.CommandLine;
using Stagecraft.Cli.Rendering;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// The options every <c>infra</c> command shares (<c>--config</c>, <c>--env</c>, <c>--output</c>, <c>--verbose</c>),
/// with one wording and one default each, so the commands read the same config the same way.
/// </summary>
internal sealed class CommonOptions
{
    public CommonOptions(string environmentVerb)
    {
        Config = new Option<string>("--config", "-c")
        {
            Description = "Path to the config file.",
            DefaultValueFactory = _ => "stagecraft.yml",
            HelpName = "path",
        };
        Environment = new Option<string?>("--env", "-e")
        {
            Description = $"Environment to {environmentVerb} (required when the config defines more than one).",
            HelpName = "name",
        };
        Output = new Option<string>("--output", "-o")
        {
            Description = "Report format on stdout.",
            DefaultValueFactory = _ => "text",
        };
        Output.AcceptOnlyFromAmong("text", "json");
        Verbose = new Option<bool>("--verbose", "-v") { Description = "Diagnostics on stderr (requests, commands; never secrets)." };
    }

    public Option<string> Config { get; }

    public Option<string?> Environment { get; }

    public Option<string> Output { get; }

    public Option<bool> Verbose { get; }

    /// <summary>Adds the shared options to <paramref name="command"/>, in help order.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Config);
        command.Options.Add(Environment);
        command.Options.Add(Output);
        command.Options.Add(Verbose);
    }

    public OutputFormat Format(ParseResult parse) => parse.GetValue(Output) == "json" ? OutputFormat.Json : OutputFormat.Text;
}
