using Polly;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>
/// A pipeline step that slows down rather than retries: once a response says few requests are left in the rate-limit
/// window (<c>ratelimit-remaining</c> at or below the threshold), later attempts are spread until <c>ratelimit-reset</c>;
/// at 0 the next attempt waits for the reset itself. It sits inside the retry step, so retried attempts are paced too,
/// and outside the per-attempt timeout, so waiting here never counts as a slow request.
/// One instance per client, shared by concurrent requests (name lookups, create batches): the state is read and written
/// under a lock.
/// </summary>
internal sealed class RateLimitPacingStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly TimeProvider time;
    private readonly int lowRemainingThreshold;
    private readonly TimeSpan maxWait;
    private readonly Action<ResilienceContext, TimeSpan> onWaiting;
    private readonly Lock gate = new();
    private DateTimeOffset notBefore = DateTimeOffset.MinValue;

    public RateLimitPacingStrategy(TimeProvider time, int lowRemainingThreshold, TimeSpan maxWait, Action<ResilienceContext, TimeSpan> onWaiting)
    {
        this.time = time;
        this.lowRemainingThreshold = lowRemainingThreshold;
        this.maxWait = maxWait;
        this.onWaiting = onWaiting;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan wait;
        lock (gate)
        {
            wait = notBefore - time.GetUtcNow();
        }

        if (wait > TimeSpan.Zero)
        {
            onWaiting(context, wait);
            try
            {
                await Task.Delay(wait, time, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException ex)
            {
                return Outcome.FromException<HttpResponseMessage>(ex);
            }
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        // A 429 says when to come back (Retry-After, or the reset for the hourly quota); the retry step waits for
        // exactly that. Pacing from a 429's headers would add a second wait — up to the cap on every later request,
        // because after a burst 429 ratelimit-reset still points at the hourly window.
        if (outcome.Result is { StatusCode: not System.Net.HttpStatusCode.TooManyRequests } response)
        {
            Remember(RateLimitHeaders.From(response));
        }

        return outcome;
    }

    private void Remember(RateLimitHeaders headers)
    {
        if (headers.Remaining is not { } remaining || headers.Reset is not { } reset || remaining > lowRemainingThreshold)
        {
            return;
        }

        var untilReset = reset - time.GetUtcNow();
        if (untilReset <= TimeSpan.Zero)
        {
            return;
        }

        // Spread what is left until the window frees up; at 0 wait for the reset itself.
        var spacing = TimeSpan.FromTicks(untilReset.Ticks / (remaining + 1));
        var until = time.GetUtcNow() + (spacing < maxWait ? spacing : maxWait);
        lock (gate)
        {
            // Concurrent answers may arrive out of order: the latest "not before" wins.
            if (until > notBefore)
            {
                notBefore = until;
            }
        }
    }
}
