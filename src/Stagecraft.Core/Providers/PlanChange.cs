namespace Stagecraft.Core.Providers;

/// <summary>
/// One thing the plan found or apply did for an existing host: a typed value, matched by type and rendered to text
/// only in the report. <see cref="AddTag"/> and <see cref="PowerOn"/> are safe in-place reconciliations;
/// <see cref="Drift"/> is a difference stagecraft reports and never corrects (no resize, no rebuild).
/// </summary>
public abstract record PlanChange;
