using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Testing;
using Stagecraft.Core.Waiting;

namespace Stagecraft.Core.Tests.Waiting;

public sealed class PollerTests
{
    [Fact]
    public async Task PollAsync_DoneOnThirdAttempt_WaitsWithBackoff()
    {
        var time = new FakeTimeProvider();
        var attempts = new List<TimeSpan>();
        var started = time.GetUtcNow();
        var task = new Poller(time).PollAsync(
            _ =>
            {
                attempts.Add(time.GetUtcNow() - started);
                return Task.FromResult(attempts.Count == 3 ? PollOutcome.Done(42) : PollOutcome.Pending<int>("not yet"));
            },
            new PollOptions(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 2),
            CancellationToken.None);

        Assert.Equal(42, await FakeClock.RunAsync(time, task, TimeSpan.FromSeconds(1)));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6)], attempts);
    }

    [Fact]
    public async Task PollAsync_NeverDone_ThrowsWithLastReasonAtTimeout()
    {
        var time = new FakeTimeProvider();
        var count = 0;
        var started = time.GetUtcNow();
        var task = new Poller(time).PollAsync(
            _ => Task.FromResult(PollOutcome.Pending<int>($"pending {++count}")),
            new PollOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)),
            CancellationToken.None);

        var ex = await Assert.ThrowsAsync<PollTimeoutException>(() => FakeClock.RunAsync(time, task, TimeSpan.FromSeconds(1)));
        Assert.Equal("pending 3", ex.Message);
        Assert.Equal(TimeSpan.FromSeconds(5), time.GetUtcNow() - started);
    }

    [Fact]
    public async Task PollAsync_Cancelled_StopsWaiting()
    {
        var time = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        var task = new Poller(time).PollAsync(
            _ => Task.FromResult(PollOutcome.Pending<int>("never")),
            new PollOptions(TimeSpan.FromHours(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)),
            cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }
}
