using Stagecraft.Core.Providers;

namespace Stagecraft.Cli.Rendering;

/// <summary>The report's word for a firewall's action: <c>create</c>/<c>update</c> planned, <c>created</c>/<c>updated</c> done, <c>unchanged</c> either way.</summary>
internal static class FirewallWords
{
    public static string Action(FirewallChange firewall) => (firewall.Action, firewall.Applied) switch
    {
        (FirewallAction.Create, false) => "create",
        (FirewallAction.Create, true) => "created",
        (FirewallAction.Update, false) => "update",
        (FirewallAction.Update, true) => "updated",
        _ => "unchanged",
    };
}
