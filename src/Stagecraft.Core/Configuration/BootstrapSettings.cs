namespace Stagecraft.Core.Configuration;

/// <summary><c>infra.bootstrap</c>.</summary>
public sealed record BootstrapSettings(SshSettings Ssh, DockerSettings Docker);
