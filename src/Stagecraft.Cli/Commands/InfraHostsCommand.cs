using System.CommandLine;
using Stagecraft.Cli.Rendering.Inventory;
using Stagecraft.Core.Inventory;

namespace Stagecraft.Cli.Commands;

/// <summary>Builds <c>stagecraft infra hosts</c> and maps its parse result to <see cref="InfraHostsOptions"/>.</summary>
internal static class InfraHostsCommand
{
    public static Command Create(Func<InfraHostsOptions, CancellationToken, Task<int>> run)
    {
        var common = new CommonOptions("list");
        var format = new Option<string>("--format", "-f")
        {
            Description = "What to print: a table (text), the host model (json), an Ansible inventory (ansible) or an ssh_config (ssh-config).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "ansible", "ssh-config");
        var via = new Option<string>("--via")
        {
            Description = "Address the ansible and ssh-config inventories connect to: the public IPv4 or the mesh name.",
            DefaultValueFactory = _ => "public",
        };
        via.AcceptOnlyFromAmong("public", "mesh");

        var hosts = new Command("hosts", "List the environment's hosts as they exist, for the next tool (Ansible, ssh, a deploy step). Read-only: no changes, no SSH.\n\nExample:\n  stagecraft infra hosts --env staging\n  stagecraft infra hosts --env staging --format ansible > inventory.yml\n  stagecraft infra hosts --env staging --format ssh-config > ssh_config && ssh -F ssh_config staging-app-1")
        {
            common.Config, common.Environment, format, via, common.Verbose,
        };
        hosts.SetAction((parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(format) switch
            {
                "json" => InventoryFormat.Json,
                "ansible" => InventoryFormat.Ansible,
                "ssh-config" => InventoryFormat.SshConfig,
                _ => InventoryFormat.Text,
            };
            var route = parse.GetValue(via) == "mesh" ? InventoryRoute.Mesh : InventoryRoute.Public;
            var request = new InventoryRequest(parse.GetValue(common.Config)!, parse.GetValue(common.Environment));
            return run(new InfraHostsOptions(request, chosen, route, parse.GetValue(common.Verbose)), cancellationToken);
        });

        return hosts;
    }
}
