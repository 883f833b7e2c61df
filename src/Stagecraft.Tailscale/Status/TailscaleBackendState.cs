namespace Stagecraft.Tailscale.Status;

/// <summary><c>BackendState</c> values from <c>ipn/backend.go</c>; anything else is <see cref="Unknown"/>.</summary>
internal enum TailscaleBackendState
{
    Unknown,
    NoState,
    InUseOtherUser,
    NeedsLogin,
    NeedsMachineAuth,
    Stopped,
    Starting,
    Running,
}
