namespace Stagecraft.Core.Results;

public sealed record ReportSummary(int Created, int Unchanged, int Reconciled, int Drifted, int BootstrapSucceeded, int BootstrapFailed, int BootstrapSkipped);
