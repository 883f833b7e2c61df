using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Results;

/// <summary>The whole result of <c>infra up</c>; hosts sorted by name, unmanaged by name then id. Rendered by the CLI.</summary>
public sealed record InfraUpReport(
    string Environment,
    string CloudProvider,
    string NetworkProvider,
    bool DryRun,
    IReadOnlyList<HostReport> Hosts,
    IReadOnlyList<UnmanagedResource> Unmanaged,
    ReportError? Error,
    int ExitCode)
{
    /// <summary>A report for a failure before anything was known (bad command line, a crash outside the engine): no hosts.</summary>
    public static InfraUpReport WithoutRun(ReportError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(string.Empty, string.Empty, string.Empty, false, [], [], error, error.ExitCode);
    }

    /// <summary>The environment's cloud firewall (planned on a dry run, applied otherwise); null when none is declared.</summary>
    public FirewallChange? Firewall { get; init; }

    public ReportSummary Summary => new(
        Hosts.Count(h => h.Provisioning is "created" or "create"),
        Hosts.Count(h => h.Provisioning == "unchanged"),
        Hosts.Count(h => h.Provisioning is "reconciled" or "reconcile"),
        Hosts.Count(h => h.Provisioning is "drifted" or "drift"),
        Hosts.Count(h => h.State == ProvisioningState.Failed),
        Hosts.Count(h => h.Bootstrap.Status == BootstrapStatus.Success),
        Hosts.Count(h => h.Bootstrap.Status == BootstrapStatus.Failed),
        Hosts.Count(h => h.Bootstrap.Status == BootstrapStatus.Skipped));
}
