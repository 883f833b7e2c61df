using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Status;

/// <summary>
/// The result of <c>infra status</c>: every declared host (sorted by name) with what exists and what the checks
/// found, and the unmanaged resources. <see cref="RemoteChecked"/> is false for <c>--no-ssh</c>. <see cref="Error"/> is
/// the global failure, if any; what was known before it stays.
/// </summary>
public sealed record StatusReport(
    string Project,
    string Environment,
    string CloudProvider,
    string NetworkProvider,
    bool RemoteChecked,
    bool DockerChecked,
    IReadOnlyList<HostStatus> Hosts,
    IReadOnlyList<UnmanagedResource> Unmanaged,
    ReportError? Error)
{
    /// <summary>The error's exit code; else 0 when every declared host exists and is healthy, 10 otherwise.</summary>
    public int ExitCode => Error?.ExitCode ?? (Hosts.All(IsHealthy) ? ExitCodes.Ok : ExitCodes.HostsFailed);

    public bool IsHealthy(HostStatus host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Healthy(RemoteChecked);
    }

    /// <summary>A report for a failure before anything was known (bad command line, a bug around the engine).</summary>
    public static StatusReport WithoutRun(ReportError error) => new(string.Empty, string.Empty, string.Empty, string.Empty, false, false, [], [], error);
}
