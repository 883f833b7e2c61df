namespace Stagecraft.DigitalOcean.Api;

/// <summary>
/// The client's own view of DigitalOcean's two per-token limits, shared by every request of one provider, so it adapts
/// before the API refuses. It changes only when requests go, never which requests or in what order a caller asks them.
/// <list type="bullet">
/// <item><b>Burst</b> (250 per sliding 60 s): the API says nothing of it until a 429, so the client counts what it sent in
/// the last 60 s. Immediate requests may use <see cref="DigitalOceanApiOptions.BurstLimitPerMinute"/> less
/// <see cref="DigitalOceanApiOptions.BurstHeadroom"/> (a margin for requests the API counts later than they were sent, and
/// for other clients of the token); deferrable ones (polls) <see cref="DigitalOceanApiOptions.BurstReservedForImmediate"/>
/// fewer, so when the window fills, polls wait first.</item>
/// <item><b>Hourly quota</b> (<c>ratelimit-limit</c>, what is left: <c>ratelimit-remaining</c>, when the oldest counted
/// request expires: <c>ratelimit-reset</c>): once few are left, the next requests are spread until the reset
/// (spacing = time to reset ÷ (remaining + 1), capped at <see cref="DigitalOceanApiOptions.MaxRateLimitWait"/>). Polls
/// start spreading early, at <see cref="DigitalOceanApiOptions.PollReserveFraction"/> of the quota, and leave the last
/// <see cref="DigitalOceanApiOptions.LowRemainingThreshold"/> to immediate requests, which are spread only from there.</item>
/// <item><b>A 429</b>: every request waits what it says (<c>retry-after</c>, else until <c>ratelimit-reset</c>); the
/// refused request's retry waits exactly as long, so nothing waits twice.</item>
/// </list>
/// </summary>
internal sealed class RateLimitBudget
{
    private static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(1);

    /// <summary>The documented hourly quota, assumed when a response lacks <c>ratelimit-limit</c>.</summary>
    private const int DocumentedHourlyLimit = 5000;

    private readonly TimeProvider time;
    private readonly DigitalOceanApiOptions options;
    private readonly Lock gate = new();
    private readonly List<DateTimeOffset> sent = [];
    private DateTimeOffset immediateNotBefore = DateTimeOffset.MinValue;
    private DateTimeOffset deferrableNotBefore = DateTimeOffset.MinValue;

    public RateLimitBudget(TimeProvider time, DigitalOceanApiOptions options)
    {
        this.time = time;
        this.options = options;
    }

    /// <summary>Requests of each priority the burst window admits.</summary>
    public int BurstCapacity(RequestPriority priority)
    {
        var immediate = Math.Max(1, options.BurstLimitPerMinute - options.BurstHeadroom);
        return priority == RequestPriority.Immediate ? immediate : Math.Max(1, immediate - options.BurstReservedForImmediate);
    }

    /// <summary>
    /// Either takes a place in the burst window now (and returns <see cref="TimeSpan.Zero"/>: send at once) or says how long
    /// to wait before asking again. The check and the taking are one step, so concurrent requests never overfill it.
    /// </summary>
    public BudgetWait TryAcquire(RequestPriority priority)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var notBefore = priority == RequestPriority.Immediate ? immediateNotBefore : Max(immediateNotBefore, deferrableNotBefore);
            if (notBefore > now)
            {
                return new BudgetWait(notBefore - now, BudgetReason.Quota);
            }

            var cutoff = now - BurstWindow;
            var expired = sent.FindIndex(t => t > cutoff);
            sent.RemoveRange(0, expired < 0 ? sent.Count : expired);
            var capacity = BurstCapacity(priority);
            if (sent.Count >= capacity)
            {
                // The window admits this one once enough of the oldest have left it.
                var frees = sent[sent.Count - capacity] + BurstWindow;
                return new BudgetWait(frees > now ? frees - now : TimeSpan.FromTicks(1), BudgetReason.Burst);
            }

            sent.Add(now);
            return new BudgetWait(TimeSpan.Zero, BudgetReason.None);
        }
    }

    /// <summary>Learns from the rate-limit headers of a response that was not a 429.</summary>
    public void Observe(RateLimitHeaders headers)
    {
        if (headers.Remaining is not { } remaining || headers.Reset is not { } reset)
        {
            return;
        }

        var now = time.GetUtcNow();
        var untilReset = reset - now;
        if (untilReset <= TimeSpan.Zero)
        {
            return;
        }

        var low = options.LowRemainingThreshold;
        var pollThreshold = Math.Max(low, (int)((headers.Limit ?? DocumentedHourlyLimit) * options.PollReserveFraction));
        lock (gate)
        {
            // Concurrent answers may arrive out of order: the latest "not before" wins.
            if (remaining <= low)
            {
                immediateNotBefore = Max(immediateNotBefore, now + Spacing(untilReset, remaining));
            }

            if (remaining <= pollThreshold)
            {
                // Polls leave the last `low` requests of the quota to immediate ones.
                deferrableNotBefore = Max(deferrableNotBefore, now + Spacing(untilReset, Math.Max(0, remaining - low)));
            }
        }
    }

    /// <summary>A 429: nobody sends again before it says (<paramref name="wait"/>, as the refused request's retry waits).</summary>
    public void Refused(TimeSpan wait)
    {
        lock (gate)
        {
            immediateNotBefore = Max(immediateNotBefore, time.GetUtcNow() + wait);
        }
    }

    /// <summary>Spread what is left until the window frees up; at 0 wait for the reset itself.</summary>
    private TimeSpan Spacing(TimeSpan untilReset, int left)
    {
        var spacing = TimeSpan.FromTicks(untilReset.Ticks / (left + 1));
        return spacing < options.MaxRateLimitWait ? spacing : options.MaxRateLimitWait;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
