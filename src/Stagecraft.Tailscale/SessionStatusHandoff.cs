using System.Runtime.CompilerServices;
using Stagecraft.Core.Remote;

namespace Stagecraft.Tailscale;

/// <summary>
/// Hands the successful <c>tailscale status</c> result that <c>EnsureInstalledAsync</c>'s daemon check read on a session
/// to the <c>EnsureJoinedAsync</c> that follows on that same session, so a host's bootstrap does not read status twice in
/// a row (each remote command is an SSH round trip). One slot per session object, by reference identity and held weakly
/// (a dropped session takes its slot with it). Taking empties the slot, so a read is used at most once and never by
/// another session. The provider is shared by hosts bootstrapped in parallel; this type is safe for that.
/// It relies on the bootstrap engine calling the join right after the install on a session, with no command of its own
/// in between (the provider cannot see the engine's commands); the provider discards the slot when an install starts.
/// </summary>
internal sealed class SessionStatusHandoff
{
    private readonly ConditionalWeakTable<IRemoteSession, Slot> slots = new();

    /// <summary>Leaves <paramref name="status"/> for the next <see cref="Take"/> on <paramref name="session"/>, replacing any earlier one.</summary>
    public void Offer(IRemoteSession session, RemoteResult status)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(status);
        slots.AddOrUpdate(session, new Slot(status));
    }

    /// <summary>Drops whatever was left for <paramref name="session"/>.</summary>
    public void Discard(IRemoteSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        slots.Remove(session);
    }

    /// <summary>The status left for <paramref name="session"/>, at most once; null when there is none.</summary>
    public RemoteResult? Take(IRemoteSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return slots.TryGetValue(session, out var slot) ? slot.Take() : null;
    }

    private sealed class Slot(RemoteResult status)
    {
        private RemoteResult? status = status;

        public RemoteResult? Take() => Interlocked.Exchange(ref status, null);
    }
}
