using Stagecraft.Core.Remote;
using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests;

public sealed class SessionStatusHandoffTests
{
    private static readonly RemoteResult Read = Results.Ok("{\"BackendState\":\"Running\"}");

    [Fact]
    public void Take_WhenNothingWasOffered_ReturnsNull()
    {
        Assert.Null(new SessionStatusHandoff().Take(new RecordingRemoteSession()));
    }

    [Fact]
    public void Take_AfterOffer_ReturnsItOnce()
    {
        var handoff = new SessionStatusHandoff();
        var session = new RecordingRemoteSession();

        handoff.Offer(session, Read);

        Assert.Same(Read, handoff.Take(session));
        Assert.Null(handoff.Take(session));
    }

    [Fact]
    public void Take_OnAnotherSession_ReturnsNullAndLeavesTheOffer()
    {
        var handoff = new SessionStatusHandoff();
        var offeredOn = new RecordingRemoteSession();

        handoff.Offer(offeredOn, Read);

        Assert.Null(handoff.Take(new RecordingRemoteSession()));
        Assert.Same(Read, handoff.Take(offeredOn));
    }

    [Fact]
    public void Take_AfterDiscard_ReturnsNull()
    {
        var handoff = new SessionStatusHandoff();
        var session = new RecordingRemoteSession();

        handoff.Offer(session, Read);
        handoff.Discard(session);

        Assert.Null(handoff.Take(session));
    }

    [Fact]
    public void Take_AfterTwoOffers_ReturnsTheLatest()
    {
        var handoff = new SessionStatusHandoff();
        var session = new RecordingRemoteSession();
        var later = Results.Ok("{\"BackendState\":\"NeedsLogin\"}");

        handoff.Offer(session, Read);
        handoff.Offer(session, later);

        Assert.Same(later, handoff.Take(session));
        Assert.Null(handoff.Take(session));
    }

    [Fact]
    public async Task Take_WhenManyCallersRaceOnOneSession_OnlyOneGetsTheRead()
    {
        var handoff = new SessionStatusHandoff();
        var session = new RecordingRemoteSession();
        handoff.Offer(session, Read);

        var taken = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => handoff.Take(session))));

        Assert.Single(taken, t => t is not null);
    }
}
