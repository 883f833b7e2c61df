using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>The environment and its declared hosts, sorted by name.</summary>
public sealed record CloudPlanRequest(string Environment, IReadOnlyList<HostSpec> Hosts);
