namespace Stagecraft.Core.Providers;

/// <summary>An attribute that differs from the config (<c>size: expected X, actual Y</c>). Reported, never corrected.</summary>
public sealed record Drift(string Field, string Expected, string Actual) : PlanChange;
