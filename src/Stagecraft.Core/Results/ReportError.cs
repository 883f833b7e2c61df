using Stagecraft.Core.Preflight;

namespace Stagecraft.Core.Results;

/// <summary>A global failure: what failed and what to do. A failed preflight also lists its findings.</summary>
public sealed record ReportError(ReportErrorKind Kind, string Message)
{
    /// <summary>Every preflight finding, sorted by scope then message; empty for other failures.</summary>
    public IReadOnlyList<PreflightFinding> Findings { get; init; } = [];

    public string KindName => Kind switch
    {
        ReportErrorKind.Config => "config",
        ReportErrorKind.CloudProvider => "cloud_provider",
        ReportErrorKind.Bootstrap => "bootstrap",
        ReportErrorKind.Usage => "usage",
        ReportErrorKind.Internal => "internal",
        _ => "interrupted",
    };

    /// <summary>The documented exit code of this kind of failure.</summary>
    public int ExitCode => Kind switch
    {
        ReportErrorKind.Config or ReportErrorKind.Usage => ExitCodes.Config,
        ReportErrorKind.CloudProvider => ExitCodes.CloudProvider,
        ReportErrorKind.Bootstrap => ExitCodes.Bootstrap,
        ReportErrorKind.Internal => ExitCodes.Internal,
        _ => ExitCodes.Interrupted,
    };
}
