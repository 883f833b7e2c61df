namespace Stagecraft.Core.Inventory;

/// <summary>
/// How the next tool connects, from <c>infra.bootstrap.ssh</c>: the same user, port, key and known_hosts pins that
/// <c>infra up</c> uses. Paths are absolute. <see cref="IdentityFile"/> is null for an agent-only config;
/// <see cref="Agent"/> says whether the agent's keys are offered too.
/// </summary>
public sealed record InventoryAccess(string User, int Port, string? IdentityFile, string KnownHostsFile, bool Agent);
