using Stagecraft.Core.Waiting;

namespace Stagecraft.Tailscale;

/// <summary>How long the provider waits for tailscaled and for transient backend states. Tests pass their own.</summary>
/// <param name="DaemonStart">Re-reading status after <c>systemctl enable --now tailscaled</c> until the daemon answers.</param>
/// <param name="Settle">Re-reading status while the backend is <c>NoState</c> or <c>Starting</c>.</param>
/// <param name="UpTimeout">The <c>--timeout</c> given to <c>tailscale up</c>.</param>
internal sealed record TailscaleTimings(PollOptions DaemonStart, PollOptions Settle, TimeSpan UpTimeout)
{
    public static TailscaleTimings Default { get; } = new(
        new PollOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)),
        new PollOptions(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)),
        TimeSpan.FromSeconds(120));
}
