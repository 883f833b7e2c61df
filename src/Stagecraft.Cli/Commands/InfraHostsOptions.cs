using Stagecraft.Cli.Rendering.Inventory;
using Stagecraft.Core.Inventory;

namespace Stagecraft.Cli.Commands;

/// <summary>The parsed <c>infra hosts</c> command line, free of System.CommandLine types.</summary>
internal sealed record InfraHostsOptions(InventoryRequest Request, InventoryFormat Format, InventoryRoute Via, bool Verbose);
