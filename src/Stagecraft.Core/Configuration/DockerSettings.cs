namespace Stagecraft.Core.Configuration;

/// <summary><c>infra.bootstrap.docker</c>.</summary>
public sealed record DockerSettings(bool Enabled, DockerInstallMethod InstallMethod);
