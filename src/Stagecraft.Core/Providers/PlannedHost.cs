using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>
/// What the plan says for one declared host. <see cref="Existing"/> is the host found (null for create).
/// <see cref="Changes"/>: for reconcile, what apply will do ("add tag stagecraft", "power on");
/// for drift, expected vs actual ("size: expected s-4vcpu-8gb, actual s-2vcpu-4gb").
/// </summary>
public sealed record PlannedHost(HostSpec Spec, string ResourceName, PlanAction Action, Host? Existing, IReadOnlyList<string> Changes);
