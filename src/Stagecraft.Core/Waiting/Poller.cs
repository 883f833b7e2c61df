namespace Stagecraft.Core.Waiting;

/// <summary>
/// The one generic waiter: calls an attempt until it reports done, sleeping on <see cref="TimeProvider"/> between
/// attempts with exponential backoff, until the timeout. Each call site says what "not yet" means for it.
/// </summary>
public sealed class Poller
{
    private readonly TimeProvider time;

    public Poller(TimeProvider time)
    {
        this.time = time;
    }

    /// <exception cref="PollTimeoutException">The timeout passed; the message is the last pending reason.</exception>
    public async Task<T> PollAsync<T>(Func<CancellationToken, Task<PollOutcome<T>>> attempt, PollOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(options);
        var started = time.GetTimestamp();
        var interval = options.InitialInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await attempt(cancellationToken).ConfigureAwait(false);
            if (outcome.IsDone)
            {
                return outcome.Value!;
            }

            var elapsed = time.GetElapsedTime(started);
            var left = options.Timeout - elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new PollTimeoutException(outcome.PendingReason);
            }

            await Task.Delay(interval < left ? interval : left, time, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(options.MaxInterval.Ticks, (long)(interval.Ticks * options.Backoff)));
        }
    }
}
