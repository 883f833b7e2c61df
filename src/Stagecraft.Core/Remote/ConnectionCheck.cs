namespace Stagecraft.Core.Remote;

/// <summary>How a verify-only connection to a host went (see <see cref="IVerifiedSessionFactory"/>).</summary>
public enum ConnectionCheck
{
    /// <summary>The host presented the key pinned for it and the login worked.</summary>
    Ok,

    /// <summary>No key is pinned for the host yet: the presented key was seen, not trusted and not pinned.</summary>
    NotPinned,

    /// <summary>The presented key is not the pinned one (or it is revoked, or only a certificate authority is trusted).</summary>
    Mismatch,

    /// <summary>No connection: refused, timed out, unreachable, or the handshake broke off.</summary>
    Unreachable,

    /// <summary>The host key is the pinned one, but the server refused every login key.</summary>
    AuthenticationFailed,
}
