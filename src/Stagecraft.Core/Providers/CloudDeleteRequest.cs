using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>
/// The droplets <c>infra down</c> chose to delete, by id, sorted by resource name. Core chose them (declared name and
/// both marker tags, or unmanaged with <c>--include-unmanaged</c>); the provider deletes exactly these and nothing else.
/// </summary>
public sealed record CloudDeleteRequest(string Environment, IReadOnlyList<Host> Targets);
