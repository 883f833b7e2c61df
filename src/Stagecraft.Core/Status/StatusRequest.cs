namespace Stagecraft.Core.Status;

/// <summary>What <c>infra status</c> was asked for; built by the CLI from its parse result. <see cref="NoSsh"/> gives the cloud-only view.</summary>
public sealed record StatusRequest(string ConfigPath, string? Environment, bool NoSsh);
