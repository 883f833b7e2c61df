using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Inventory;

/// <summary>
/// One declared host as the inventory sees it: <see cref="Existing"/> is the host the cloud has (null when it does
/// not exist), <see cref="MeshFqdn"/> its name on the mesh.
/// </summary>
public sealed record InventoryHost(string Name, string ResourceName, string Role, Host? Existing, string MeshFqdn)
{
    public bool Exists => Existing is not null;

    /// <summary>Whether a tool can connect to it: it exists and has a public IPv4.</summary>
    public bool Reachable => Existing?.PublicIp is { Length: > 0 };
}
