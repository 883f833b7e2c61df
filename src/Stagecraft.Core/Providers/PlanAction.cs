namespace Stagecraft.Core.Providers;

public enum PlanAction
{
    Create,
    Unchanged,
    Reconcile,
    Drift,
}
