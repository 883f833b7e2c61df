namespace Stagecraft.Core.Providers;

/// <summary>The host lacks one of the tags it must carry; apply adds it in place.</summary>
public sealed record AddTag(string Tag) : PlanChange;
