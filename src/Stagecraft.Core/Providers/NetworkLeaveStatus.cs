namespace Stagecraft.Core.Providers;

/// <summary>How a host's best-effort leave of the mesh before deletion went.</summary>
public enum NetworkLeaveStatus
{
    /// <summary>The node logged out of the mesh.</summary>
    Left,

    /// <summary>Nothing to leave: the mesh client is not installed or not logged in.</summary>
    NotJoined,

    /// <summary>The host could not be reached (no public IP, SSH refused or timed out).</summary>
    Unreachable,

    /// <summary>The logout ran and failed.</summary>
    Failed,

    /// <summary>Not tried (the network provider cannot start, or the run was interrupted first).</summary>
    NotAttempted,
}
