namespace Stagecraft.Cli.Rendering.Inventory;

/// <summary>
/// <c>--via</c>: which address the exported inventories connect to, the public IPv4 or the host's mesh name. The
/// host key is the same either way, so the pin stagecraft wrote for the public address is used for both.
/// </summary>
internal enum InventoryRoute
{
    Public,
    Mesh,
}
