using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Inventory;

/// <summary>
/// The result of <c>infra hosts</c>: every declared host (sorted by name) with what exists, the unmanaged resources,
/// and how to connect. <see cref="Error"/> is the global failure, if any; what was known before it stays.
/// </summary>
public sealed record InventoryReport(
    string Project,
    string Environment,
    string CloudProvider,
    string NetworkProvider,
    IReadOnlyList<InventoryHost> Hosts,
    IReadOnlyList<UnmanagedResource> Unmanaged,
    InventoryAccess? Access,
    ReportError? Error)
{
    /// <summary>0, or the error's exit code. A declared host that does not exist is listed as such, not a failure.</summary>
    public int ExitCode => Error?.ExitCode ?? ExitCodes.Ok;

    /// <summary>A report for a failure before anything was known (bad command line, a bug around the engine).</summary>
    public static InventoryReport WithoutRun(ReportError error) => new(string.Empty, string.Empty, string.Empty, string.Empty, [], [], null, error);
}
