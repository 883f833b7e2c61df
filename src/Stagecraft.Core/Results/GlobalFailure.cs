using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Results;

/// <summary>
/// How a read-only or teardown command's run ends when something global fails: the one mapping from what was thrown
/// to the report's error (config 1, cloud provider 2, network provider 3, interrupted 130, anything else a bug, 70).
/// </summary>
public static class GlobalFailure
{
    /// <summary>The report error for <paramref name="exception"/>; a bug's stack goes to the verbose diagnostics only.</summary>
    /// <param name="interrupted">The message when the run was interrupted (the token was cancelled).</param>
    public static ReportError Of(Exception exception, string interrupted, IDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(diagnostics);
        switch (exception)
        {
            case ConfigException:
                return new ReportError(ReportErrorKind.Config, exception.Message);
            case CloudProviderException:
                return new ReportError(ReportErrorKind.CloudProvider, exception.Message);
            case NetworkProviderException:
                return new ReportError(ReportErrorKind.Bootstrap, exception.Message);
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return new ReportError(ReportErrorKind.Interrupted, interrupted);
            default:
                diagnostics.Verbose($"internal error: {exception}");
                return UnexpectedError.Report(exception);
        }
    }
}
