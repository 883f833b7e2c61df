using System.CommandLine;
using Stagecraft.Core.Teardown;

namespace Stagecraft.Cli.Commands;

/// <summary>Builds <c>stagecraft infra down</c> and maps its parse result to <see cref="InfraDownOptions"/>.</summary>
internal static class InfraDownCommand
{
    public static Command Create(Func<InfraDownOptions, CancellationToken, Task<int>> run)
    {
        var common = new CommonOptions("tear down");
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted; delete nothing." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking. Without it, a terminal asks for the environment name; without a terminal, nothing is deleted." };
        var hosts = new Option<string[]>("--host")
        {
            Description = "Limit the teardown to this declared host (repeatable).",
            HelpName = "name",
            AllowMultipleArgumentsPerToken = false,
        };
        var includeUnmanaged = new Option<bool>("--include-unmanaged")
        {
            Description = "Also delete droplets tagged for the environment (and stagecraft) that the config does not declare.",
        };

        var includeFirewall = new Option<bool>("--include-firewall")
        {
            Description = "Also delete the environment's cloud firewall, once every droplet chosen is gone (without --host).",
        };

        var down = new Command("down", "Delete the environment's droplets: only those named <env>-<host> for a declared host and tagged stagecraft and stagecraft-env-<env>, each by id. Each node leaves the mesh first (best effort) and its known_hosts pin is removed.\n\nExample:\n  stagecraft infra down --env staging --dry-run\n  stagecraft infra down --env staging --yes\n  stagecraft infra down --env staging --host app-2 --yes")
        {
            common.Config, common.Environment, common.Output, dryRun, yes, hosts, includeUnmanaged, includeFirewall, common.Verbose,
        };
        down.SetAction((parse, cancellationToken) =>
        {
            var request = new TeardownRequest(
                parse.GetValue(common.Config)!,
                parse.GetValue(common.Environment),
                [.. (parse.GetValue(hosts) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                parse.GetValue(includeUnmanaged),
                parse.GetValue(dryRun),
                parse.GetValue(yes))
            {
                IncludeFirewall = parse.GetValue(includeFirewall),
            };
            return run(new InfraDownOptions(request, common.Format(parse), parse.GetValue(common.Verbose)), cancellationToken);
        });

        return down;
    }
}
