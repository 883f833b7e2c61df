namespace Stagecraft.Ssh;

/// <summary>Why a connection attempt failed; the readiness probe retries all but <see cref="HostKeyRefused"/>.</summary>
internal enum SshFailureKind
{
    /// <summary>TCP refused / timed out / reset, or the SSH handshake broke off.</summary>
    Network,

    /// <summary>The server refused the key (cloud-init may not have written authorized_keys yet).</summary>
    Authentication,

    /// <summary>known_hosts refuses the presented host key (changed, revoked, or only a certificate authority trusted): final, never retried.</summary>
    HostKeyRefused,

    /// <summary>Verify-only connections: known_hosts has no line for the host, and the presented key was not trusted (nor pinned).</summary>
    HostKeyNotPinned,
}
