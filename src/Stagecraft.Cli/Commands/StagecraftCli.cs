using System.CommandLine;
using Stagecraft.Cli.Completion;
using Stagecraft.Cli.Composition;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// The command tree and its invocation. Tests call <see cref="RunAsync"/> with their own writers and dependencies.
/// Every path ends in one documented exit code: a bad command line is one line on stderr (and, with
/// <c>--output json</c>, one JSON report with <c>error.kind: "usage"</c>), exit 1; help is printed only when asked for;
/// an exception nothing expected is one line (exit 70), its stack only with <c>--verbose</c>.
/// </summary>
internal static class StagecraftCli
{
    public static RootCommand Build(CliDependencies dependencies, TextWriter output, TextWriter error)
    {
        var handler = new InfraUpHandler(dependencies, output, error);
        return new RootCommand("stagecraft: turns a stagecraft.yml into running, bootstrapped cloud hosts.\n\nExample:\n  stagecraft infra up --config stagecraft.yml --env staging")
        {
            new Command("infra", "Manage the hosts of an environment (stagecraft infra up --help).")
            {
                InfraUpCommand.Create(handler.RunAsync),
                InfraDownCommand.Create(new InfraDownHandler(dependencies, output, error).RunAsync),
                InfraHostsCommand.Create(new InfraHostsHandler(dependencies, output, error).RunAsync),
                InfraStatusCommand.Create(new InfraStatusHandler(dependencies, output, error).RunAsync),
            },
            CompletionCommand.Create(new CompletionHandler(output).RunAsync),
        };
    }

    /// <summary>The command's words below the root (<c>infra up</c>); empty for the root itself.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current?.Parent is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>The JSON document of a failure in <paramref name="command"/>: that command's report shape (the <c>infra up</c> report by default).</summary>
    private static Func<ReportError, string>? FailureJson(string command) => command switch
    {
        "infra hosts" => failure => Rendering.Inventory.InventoryJsonRenderer.Render(Core.Inventory.InventoryReport.WithoutRun(failure)),
        "infra down" => failure => Rendering.Teardown.TeardownJsonRenderer.Render(Core.Teardown.TeardownReport.WithoutRun(failure)),
        "infra status" => failure => Rendering.Status.StatusJsonRenderer.Render(Core.Status.StatusReport.WithoutRun(failure)),
        _ => null,
    };

    public static async Task<int> RunAsync(string[] args, CliDependencies dependencies, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<string> tokens = args;
        try
        {
            var parse = EnvironmentCompletion.AddTo(Build(dependencies, output, error), new ConfiguredEnvironments(dependencies)).Parse(args);
            tokens = [.. parse.Tokens.Select(t => t.Value)];
            if (parse.Errors.Count > 0)
            {
                var message = UsageErrors.Describe(parse.Errors.Select(e => e.Message), CommandPath(parse.CommandResult), tokens);
                return await ReportWriter.WriteFailureAsync(new ReportError(ReportErrorKind.Usage, message), RequestedOutput.Format(tokens), output, error, FailureJson(CommandPath(parse.CommandResult))).ConfigureAwait(false);
            }

            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                ProcessTerminationTimeout = null,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The last net: even the parser, the engine or a renderer failing ends in one line (and one JSON document).
            if (RequestedOutput.Verbose(tokens))
            {
                await error.WriteAsync($"verbose: {ex}\n").ConfigureAwait(false);
            }

            try
            {
                return await ReportWriter.WriteFailureAsync(UnexpectedError.Report(ex), RequestedOutput.Format(tokens), output, error).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // stdout or stderr itself is gone (a closed pipe): nothing more can be said.
                return ExitCodes.Internal;
            }
        }
    }
}
