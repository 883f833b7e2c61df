namespace Stagecraft.Core.Results;

/// <summary>
/// Counts by provisioning word and bootstrap status. On a dry run the provisioning counts are planned (to create, to
/// reconcile …), not done; <see cref="Failed"/> counts hosts not provisioned (apply or preflight failure).
/// </summary>
public sealed record ReportSummary(int Created, int Unchanged, int Reconciled, int Drifted, int Failed, int BootstrapSucceeded, int BootstrapFailed, int BootstrapSkipped);
