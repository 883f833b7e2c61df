namespace Stagecraft.Core.Inventory;

/// <summary>What <c>infra hosts</c> was asked for; built by the CLI from its parse result.</summary>
public sealed record InventoryRequest(string ConfigPath, string? Environment);
