namespace Stagecraft.Core.Configuration;

public enum DockerInstallMethod
{
    Apt,
    Script,
    Skip,
}
