namespace Stagecraft.Core.Providers;

/// <summary>Per-host plan sorted by host name, plus unmanaged resources sorted by name then id.</summary>
public sealed record CloudPlan(string Environment, IReadOnlyList<PlannedHost> Hosts, IReadOnlyList<UnmanagedResource> Unmanaged)
{
    /// <summary>The environment's cloud firewall, or null when the config declares none.</summary>
    public FirewallChange? Firewall { get; init; }

    /// <summary>What the plan was made for (project, SSH port, mesh ports), so the apply needs no state of its own.</summary>
    public CloudPlanRequest? Request { get; init; }
}
