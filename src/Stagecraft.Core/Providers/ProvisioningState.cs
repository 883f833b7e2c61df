namespace Stagecraft.Core.Providers;

public enum ProvisioningState
{
    Created,
    Unchanged,
    Reconciled,
    Drifted,

    /// <summary>Not provisioned: the apply or the preflight failed for this host (the report gives the reason).</summary>
    Failed,
}
