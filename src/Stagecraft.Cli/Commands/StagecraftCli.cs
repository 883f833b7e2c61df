using System.CommandLine;
using Stagecraft.Cli.Composition;

namespace Stagecraft.Cli.Commands;

/// <summary>The command tree and its invocation. Tests call <see cref="RunAsync"/> with their own writers and dependencies.</summary>
internal static class StagecraftCli
{
    public static RootCommand Build(CliDependencies dependencies, TextWriter output, TextWriter error)
    {
        var handler = new InfraUpHandler(dependencies, output, error);
        return new RootCommand("stagecraft: turns a stagecraft.yml into running, bootstrapped cloud hosts.\n\nExample:\n  stagecraft infra up --config stagecraft.yml --env staging")
        {
            InfraUpCommand.Create(handler.RunAsync),
        };
    }

    public static Task<int> RunAsync(string[] args, CliDependencies dependencies, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = Build(dependencies, output, error);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
        };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
