namespace Stagecraft.Core.Providers;

/// <summary>The host is powered off; apply powers it on.</summary>
public sealed record PowerOn : PlanChange;
