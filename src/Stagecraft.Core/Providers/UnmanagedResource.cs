namespace Stagecraft.Core.Providers;

/// <summary>A resource carrying the environment tag that the config does not declare. Reported, never touched.</summary>
public sealed record UnmanagedResource(string Id, string Name);
