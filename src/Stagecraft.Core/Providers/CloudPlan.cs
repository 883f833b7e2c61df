namespace Stagecraft.Core.Providers;

/// <summary>Per-host plan sorted by host name, plus unmanaged resources sorted by name then id.</summary>
public sealed record CloudPlan(string Environment, IReadOnlyList<PlannedHost> Hosts, IReadOnlyList<UnmanagedResource> Unmanaged);
