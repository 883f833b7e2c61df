namespace Stagecraft.Core.Providers;

/// <summary>The host is not in the project the config names; apply assigns it there in place.</summary>
public sealed record MoveToProject(string Project) : PlanChange;
