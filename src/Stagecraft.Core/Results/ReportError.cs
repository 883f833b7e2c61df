namespace Stagecraft.Core.Results;

/// <summary>A global failure: what failed and what to do.</summary>
public sealed record ReportError(ReportErrorKind Kind, string Message)
{
    public string KindName => Kind switch
    {
        ReportErrorKind.Config => "config",
        ReportErrorKind.CloudProvider => "cloud_provider",
        ReportErrorKind.Bootstrap => "bootstrap",
        _ => "interrupted",
    };
}
