namespace Stagecraft.Core.Bootstrap;

/// <summary>Stable error codes that appear in output.</summary>
public static class BootstrapErrorCodes
{
    public const string SshFailed = "ssh_failed";
    public const string DockerDetectFailed = "docker_detect_failed";
    public const string DockerInstallFailed = "docker_install_failed";
    public const string DockerVerifyFailed = "docker_verify_failed";
    public const string DockerGroupFailed = "docker_group_failed";
    public const string NetworkInstallFailed = "network_install_failed";
    public const string NetworkJoinFailed = "network_join_failed";
    public const string ConfigInvalid = "config_invalid";

    /// <summary>An exception no step expected (a bug) failed this host only; the message is one line.</summary>
    public const string InternalError = "internal_error";
}
