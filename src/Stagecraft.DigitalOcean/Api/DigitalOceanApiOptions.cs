namespace Stagecraft.DigitalOcean.Api;

/// <summary>Tunables of the API client and provider. The defaults are the production values; tests shrink or pin them.</summary>
internal sealed record DigitalOceanApiOptions
{
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// Per attempt, on the TimeProvider; the factory sets it from <c>request_timeout</c>.
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound for a wait demanded by <c>retry-after</c> or <c>ratelimit-reset</c>.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When <c>ratelimit-remaining</c> is at or below this, requests are spread until <c>ratelimit-reset</c>.</summary>
    public int LowRemainingThreshold { get; init; } = 10;

    /// <summary>
    /// Polls are spread from this share of the hourly quota (<c>ratelimit-limit</c>) left, long before other requests
    /// are (see <see cref="RateLimitBudget"/>): 10 % of 5000 = 500.
    /// </summary>
    public double PollReserveFraction { get; init; } = 0.1;

    /// <summary>DigitalOcean's burst limit: requests per token in any 60 s.</summary>
    public int BurstLimitPerMinute { get; init; } = 250;

    /// <summary>What the client leaves unused of <see cref="BurstLimitPerMinute"/>: the API counts a request when it arrives, a little later than it was sent.</summary>
    public int BurstHeadroom { get; init; } = 10;

    /// <summary>Of the burst the client uses, what polls may not take: with a full window, polls wait while other requests still go.</summary>
    public int BurstReservedForImmediate { get; init; } = 50;

    /// <summary>
    /// Droplets missing from the list by tag (it lags behind creates) read by id in one look of the wait for active; the
    /// rest wait for the list or a later look.
    /// </summary>
    public int MaxReadsByIdPerPoll { get; init; } = 10;

    public IRetryJitter Jitter { get; init; } = new RandomRetryJitter();

    public TimeSpan WaitInitialInterval { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan WaitMaxInterval { get; init; } = TimeSpan.FromSeconds(15);

    public int MaxNamesPerCreate { get; init; } = 10;

    public int MaxPages { get; init; } = 1000;
}
