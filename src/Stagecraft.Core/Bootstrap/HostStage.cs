namespace Stagecraft.Core.Bootstrap;

/// <summary>What a host is doing now, for progress display.</summary>
public enum HostStage
{
    Planning,
    Creating,
    WaitingForSsh,
    CheckingOs,
    InstallingDocker,
    InstallingNetwork,
    JoiningNetwork,
    Done,
    Failed,
}
