using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Results;

/// <summary>
/// One host in the report. <see cref="PlanAction"/> is set on a dry run, <see cref="State"/> after apply (or when the
/// host failed to provision: <see cref="ProvisioningState.Failed"/> with <see cref="Reason"/>).
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
    IReadOnlyList<PlanChange> Changes,
    BootstrapOutcome Bootstrap)
{
    /// <summary>Private IPv4; empty when the host has none or does not exist.</summary>
    public string PrivateIp { get; init; } = string.Empty;

    /// <summary>Region, size and image as the provider reports them for the host that exists; empty for one still to be created (see <see cref="Desired"/>).</summary>
    public string Region { get; init; } = string.Empty;

    /// <inheritdoc cref="Region"/>
    public string Size { get; init; } = string.Empty;

    /// <inheritdoc cref="Region"/>
    public string Image { get; init; } = string.Empty;

    /// <summary>Why the host was not provisioned (one line); empty unless <see cref="State"/> is failed.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>What a host to create will be (or was to be) created with: size, region, image …</summary>
    public IReadOnlyList<DesiredSetting> Desired { get; init; } = [];

    /// <summary>The word shown in output: created/unchanged/reconciled/drifted/failed, or create/unchanged/reconcile/drift on a dry run.</summary>
    public string Provisioning => (PlanAction, State) switch
    {
        (_, ProvisioningState.Created) => "created",
        (_, ProvisioningState.Unchanged) => "unchanged",
        (_, ProvisioningState.Reconciled) => "reconciled",
        (_, ProvisioningState.Drifted) => "drifted",
        (_, ProvisioningState.Failed) => "failed",
        (Providers.PlanAction.Create, _) => "create",
        (Providers.PlanAction.Unchanged, _) => "unchanged",
        (Providers.PlanAction.Reconcile, _) => "reconcile",
        (Providers.PlanAction.Drift, _) => "drift",
        _ => "unknown",
    };
}
