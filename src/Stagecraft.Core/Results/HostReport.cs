using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Results;

/// <summary>
/// One host in the report. <see cref="PlanAction"/> is set on a dry run, <see cref="State"/> after apply.
/// Empty strings stand for values not known (id and IP of a host still to be created).
/// </summary>
public sealed record HostReport(
    string Name,
    string ResourceName,
    string Id,
    string Role,
    string PublicIp,
    IReadOnlyList<string> Tags,
    string MeshFqdn,
    PlanAction? PlanAction,
    ProvisioningState? State,
    IReadOnlyList<string> Changes,
    BootstrapOutcome Bootstrap)
{
    /// <summary>The word shown in output: created/unchanged/reconciled/drifted, or create/unchanged/reconcile/drift on a dry run.</summary>
    public string Provisioning => (PlanAction, State) switch
    {
        (_, ProvisioningState.Created) => "created",
        (_, ProvisioningState.Unchanged) => "unchanged",
        (_, ProvisioningState.Reconciled) => "reconciled",
        (_, ProvisioningState.Drifted) => "drifted",
        (Providers.PlanAction.Create, _) => "create",
        (Providers.PlanAction.Unchanged, _) => "unchanged",
        (Providers.PlanAction.Reconcile, _) => "reconcile",
        (Providers.PlanAction.Drift, _) => "drift",
        _ => "unknown",
    };
}
