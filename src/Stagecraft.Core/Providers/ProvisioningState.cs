namespace Stagecraft.Core.Providers;

public enum ProvisioningState
{
    Created,
    Unchanged,
    Reconciled,
    Drifted,
}
