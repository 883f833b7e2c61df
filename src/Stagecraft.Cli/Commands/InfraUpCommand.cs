using System.CommandLine;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Engine;

namespace Stagecraft.Cli.Commands;

/// <summary>Builds <c>stagecraft infra up</c> and maps its parse result to <see cref="InfraUpOptions"/>.</summary>
internal static class InfraUpCommand
{
    public static Command Create(Func<InfraUpOptions, CancellationToken, Task<int>> run)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "Path to the config file.",
            DefaultValueFactory = _ => "stagecraft.yml",
            HelpName = "path",
        };
        var environment = new Option<string?>("--env", "-e")
        {
            Description = "Environment to bring up (required when the config defines more than one).",
            HelpName = "name",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Report format on stdout.",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan only: show what would be created or reconciled; change nothing." };
        var noBootstrap = new Option<bool>("--no-bootstrap") { Description = "Provision hosts but do not connect to them." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Diagnostics on stderr (requests, commands; never secrets)." };
        var parallelism = new Option<int>("--parallelism", "-p")
        {
            Description = "How many hosts are waited for and bootstrapped at once.",
            DefaultValueFactory = _ => InfraUpRequest.DefaultParallelism,
            CustomParser = result => OptionValues.WholeNumber(result, "--parallelism", 1, 512),
            HelpName = "n",
        };

        var up = new Command("up", "Create missing hosts, reconcile divergent ones and bootstrap them (Docker, mesh network).\n\nExample:\n  stagecraft infra up --config stagecraft.yml --env staging\n  stagecraft infra up --env staging --dry-run --output json")
        {
            config, environment, output, dryRun, noBootstrap, verbose, parallelism,
        };
        up.SetAction((parse, cancellationToken) =>
        {
            var request = new InfraUpRequest(
                parse.GetValue(config)!,
                parse.GetValue(environment),
                parse.GetValue(dryRun),
                parse.GetValue(noBootstrap),
                parse.GetValue(parallelism));
            var format = parse.GetValue(output) == "json" ? OutputFormat.Json : OutputFormat.Text;
            return run(new InfraUpOptions(request, format, parse.GetValue(verbose)), cancellationToken);
        });

        return new Command("infra", "Manage the hosts of an environment (stagecraft infra up --help).") { up };
    }
}
