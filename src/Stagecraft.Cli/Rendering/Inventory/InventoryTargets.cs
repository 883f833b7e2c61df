using Stagecraft.Core.Inventory;

namespace Stagecraft.Cli.Rendering.Inventory;

/// <summary>
/// Which declared hosts an exported inventory (ansible, ssh-config) can hold, and a one-line note for each it leaves
/// out. A host belongs in it when it exists and has a public IPv4: that is the address stagecraft pinned its host key
/// for, so a connection by either route is checked against that pin.
/// </summary>
internal static class InventoryTargets
{
    public static IReadOnlyList<InventoryHost> Connectable(InventoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Hosts.Where(h => h.Reachable).OrderBy(h => h.Name, StringComparer.Ordinal)];
    }

    /// <summary>The address a tool connects to for <paramref name="host"/> by <paramref name="route"/>.</summary>
    public static string Address(InventoryHost host, InventoryRoute route)
    {
        ArgumentNullException.ThrowIfNull(host);
        return route == InventoryRoute.Mesh ? host.MeshFqdn : host.Existing!.PublicIp!;
    }

    /// <summary>The name stagecraft's known_hosts holds the host's key under: <c>ip</c> on port 22, <c>[ip]:port</c> otherwise.</summary>
    public static string PinnedName(InventoryHost host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var ip = host.Existing!.PublicIp!;
        return port == 22 ? ip : $"[{ip}]:{port}";
    }

    /// <summary>One line per declared host left out, sorted by host name: what is wrong and what to do.</summary>
    public static IReadOnlyList<string> LeftOut(InventoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var environment = report.Environment;
        return [.. report.Hosts
            .Where(h => !h.Reachable)
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Exists
                ? $"{h.Name} ({h.ResourceName}) has no public IPv4 yet (status {(h.Existing!.Status.Length > 0 ? h.Existing.Status : "unknown")}); left out of the inventory: run stagecraft infra up --env {environment}"
                : $"{h.Name} ({h.ResourceName}) does not exist; left out of the inventory: stagecraft infra up --env {environment} creates it")];
    }
}
