using System.CommandLine;
using Stagecraft.Core.Engine;

namespace Stagecraft.Cli.Commands;

/// <summary>Builds <c>stagecraft infra up</c> and maps its parse result to <see cref="InfraUpOptions"/>.</summary>
internal static class InfraUpCommand
{
    public static Command Create(Func<InfraUpOptions, CancellationToken, Task<int>> run)
    {
        var common = new CommonOptions("bring up");
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan only: show what would be created or reconciled; change nothing." };
        var noBootstrap = new Option<bool>("--no-bootstrap") { Description = "Provision hosts but do not connect to them." };
        var parallelism = new Option<int>("--parallelism", "-p")
        {
            Description = "How many hosts are waited for and bootstrapped at once.",
            DefaultValueFactory = _ => InfraUpRequest.DefaultParallelism,
            CustomParser = result => OptionValues.WholeNumber(result, "--parallelism", 1, 512),
            HelpName = "n",
        };

        var up = new Command("up", "Create missing hosts, reconcile divergent ones and bootstrap them (Docker, mesh network).\n\nExample:\n  stagecraft infra up --config stagecraft.yml --env staging\n  stagecraft infra up --env staging --dry-run --output json")
        {
            common.Config, common.Environment, common.Output, dryRun, noBootstrap, common.Verbose, parallelism,
        };
        up.SetAction((parse, cancellationToken) =>
        {
            var request = new InfraUpRequest(
                parse.GetValue(common.Config)!,
                parse.GetValue(common.Environment),
                parse.GetValue(dryRun),
                parse.GetValue(noBootstrap),
                parse.GetValue(parallelism));
            return run(new InfraUpOptions(request, common.Format(parse), parse.GetValue(common.Verbose)), cancellationToken);
        });

        return up;
    }
}
