using Stagecraft.Core.Waiting;
using Stagecraft.DigitalOcean.Api;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// The apply's single deadline: <c>create_timeout</c> from the moment the apply started. Every wait of the apply
/// (power-ons, the search after an ambiguous create, the wait for active) polls within what is left of it, never a
/// fresh <c>create_timeout</c> of its own.
/// </summary>
internal sealed class ApplyDeadline
{
    private readonly TimeProvider time;
    private readonly DigitalOceanApiOptions options;
    private readonly Poller poller;
    private readonly long startedAt;

    private ApplyDeadline(TimeProvider time, DigitalOceanApiOptions options, TimeSpan createTimeout)
    {
        this.time = time;
        this.options = options;
        CreateTimeout = createTimeout;
        poller = new Poller(time);
        startedAt = time.GetTimestamp();
    }

    /// <summary>The whole apply's budget, as configured (for messages).</summary>
    public TimeSpan CreateTimeout { get; }

    /// <summary>Starts the clock now.</summary>
    public static ApplyDeadline Start(TimeProvider time, DigitalOceanApiOptions options, TimeSpan createTimeout) =>
        new(time, options, createTimeout);

    /// <summary>What is left of the apply's single <c>create_timeout</c> (zero once it passed: one last look, then timeout).</summary>
    public TimeSpan Remaining()
    {
        var left = CreateTimeout - time.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Polls at once, then on the wait intervals, until <paramref name="attempt"/> is done or the deadline passes.</summary>
    public Task<T> PollAsync<T>(Func<CancellationToken, Task<PollOutcome<T>>> attempt, CancellationToken cancellationToken) =>
        poller.PollAsync(attempt, WaitOptions(Remaining()), cancellationToken);

    /// <summary>Waits one interval first (nothing is ready right after a create or an action), then polls within <c>create_timeout</c>.</summary>
    public async Task PollAfterFirstIntervalAsync(Func<CancellationToken, Task<PollOutcome<bool>>> attempt, CancellationToken cancellationToken)
    {
        var first = options.WaitInitialInterval < Remaining() ? options.WaitInitialInterval : TimeSpan.Zero;
        if (first > TimeSpan.Zero)
        {
            await Task.Delay(first, time, cancellationToken).ConfigureAwait(false);
        }

        await poller.PollAsync(attempt, WaitOptions(Remaining()), cancellationToken).ConfigureAwait(false);
    }

    private PollOptions WaitOptions(TimeSpan timeout) =>
        new(timeout, options.WaitInitialInterval, options.WaitMaxInterval);
}
