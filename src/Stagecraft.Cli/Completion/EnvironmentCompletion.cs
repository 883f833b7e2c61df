using System.CommandLine;
using System.CommandLine.Completions;

namespace Stagecraft.Cli.Completion;

/// <summary>
/// Completes every command's <c>--env</c> with the environment names of the config that command line would read:
/// its <c>--config</c> value, else the default (<c>stagecraft.yml</c> in the current directory).
/// </summary>
internal static class EnvironmentCompletion
{
    public const string EnvironmentOption = "--env";
    public const string ConfigOption = "--config";

    /// <summary>Adds the completion source to each <c>--env</c> option below <paramref name="command"/>; returns <paramref name="command"/>.</summary>
    public static TCommand AddTo<TCommand>(TCommand command, ConfiguredEnvironments environments)
        where TCommand : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environments);
        foreach (var option in command.Options.Where(o => o.Name == EnvironmentOption))
        {
            option.CompletionSources.Add(context => Suggest(context, environments));
        }

        foreach (var child in command.Subcommands)
        {
            AddTo(child, environments);
        }

        return command;
    }

    private static IEnumerable<CompletionItem> Suggest(CompletionContext context, ConfiguredEnvironments environments)
    {
        var path = ConfigPath(context.ParseResult);
        if (path is null)
        {
            return [];
        }

        return environments.Read(path)
            .Where(name => name.StartsWith(context.WordToComplete, StringComparison.Ordinal))
            .Select(name => new CompletionItem(name));
    }

    /// <summary>The config the command line names, or the option's default; null when the command has no <c>--config</c>.</summary>
    private static string? ConfigPath(ParseResult parse)
    {
        var config = parse.CommandResult.Command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == ConfigOption);
        return config is null ? null : parse.GetValue(config);
    }
}
