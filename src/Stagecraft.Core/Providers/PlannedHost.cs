using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>
/// What the plan says for one declared host. <see cref="Existing"/> is the host found (null for create).
/// <see cref="Changes"/>: for reconcile, what apply will do (<see cref="AddTag"/>, <see cref="PowerOn"/>); for
/// drift, the <see cref="Drift"/> findings and any safe reconciliations apply still does.
/// <see cref="Desired"/>: what a host to create will be created with (size, region, image …), in the provider's order.
/// </summary>
public sealed record PlannedHost(HostSpec Spec, string ResourceName, PlanAction Action, Host? Existing, IReadOnlyList<PlanChange> Changes)
{
    public IReadOnlyList<DesiredSetting> Desired { get; init; } = [];
}
