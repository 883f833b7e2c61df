using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Teardown;

/// <summary>
/// The result of <c>infra down</c>: the declared hosts (sorted by name) and the unmanaged droplets (sorted by
/// resource name, then id), each with its outcome. <see cref="Error"/> is the global failure, if any.
/// </summary>
public sealed record TeardownReport(
    string Project,
    string Environment,
    string CloudProvider,
    string NetworkProvider,
    bool DryRun,
    IReadOnlyList<TeardownHost> Hosts,
    IReadOnlyList<TeardownHost> Unmanaged,
    ReportError? Error)
{
    /// <summary>The environment's cloud firewall with <c>--include-firewall</c> (null without it, or when none is declared).</summary>
    public FirewallTeardown? Firewall { get; init; }

    /// <summary>The error's exit code; else 10 when a droplet chosen for deletion is still there; else 0.</summary>
    public int ExitCode => Error?.ExitCode
        ?? (Hosts.Concat(Unmanaged).Any(h => h.Outcome == TeardownOutcome.Failed) ? ExitCodes.HostsFailed : ExitCodes.Ok);

    /// <summary>A report for a failure before anything was known (bad command line, refusal, a bug around the engine).</summary>
    public static TeardownReport WithoutRun(ReportError error) => new(string.Empty, string.Empty, string.Empty, string.Empty, false, [], [], error);
}
