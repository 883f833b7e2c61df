namespace Stagecraft.Ssh;

/// <summary>Why a connection attempt failed; the readiness probe retries all but <see cref="HostKeyChanged"/>.</summary>
internal enum SshFailureKind
{
    /// <summary>TCP refused / timed out / reset, or the SSH handshake broke off.</summary>
    Network,

    /// <summary>The server refused the key (cloud-init may not have written authorized_keys yet).</summary>
    Authentication,

    /// <summary>The host presented a key other than the pinned one: final, never retried.</summary>
    HostKeyChanged,
}
