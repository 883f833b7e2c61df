using System.CommandLine;
using Stagecraft.Core.Status;

namespace Stagecraft.Cli.Commands;

/// <summary>Builds <c>stagecraft infra status</c> and maps its parse result to <see cref="InfraStatusOptions"/>.</summary>
internal static class InfraStatusCommand
{
    public static Command Create(Func<InfraStatusOptions, CancellationToken, Task<int>> run)
    {
        var common = new CommonOptions("check");
        var noSsh = new Option<bool>("--no-ssh") { Description = "Cloud only: what exists and its drift, without connecting to the hosts." };
        var status = new Command("status", "Show whether the environment's hosts exist and are healthy: cloud state and drift, SSH with the pinned host key, Docker, mesh. Read-only: creates, changes and pins nothing. Exit 0 when every host is healthy, 10 when one is missing or unhealthy.\n\nExample:\n  stagecraft infra status --env staging\n  stagecraft infra status --env staging --no-ssh --output json")
        {
            common.Config, common.Environment, common.Output, noSsh, common.Verbose,
        };
        status.SetAction((parse, cancellationToken) =>
        {
            var request = new StatusRequest(parse.GetValue(common.Config)!, parse.GetValue(common.Environment), parse.GetValue(noSsh));
            return run(new InfraStatusOptions(request, common.Format(parse), parse.GetValue(common.Verbose)), cancellationToken);
        });

        return status;
    }
}
