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

    public IRetryJitter Jitter { get; init; } = new RandomRetryJitter();

    public TimeSpan WaitInitialInterval { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan WaitMaxInterval { get; init; } = TimeSpan.FromSeconds(15);

    public int MaxNamesPerCreate { get; init; } = 10;

    public int MaxPages { get; init; } = 1000;
}
