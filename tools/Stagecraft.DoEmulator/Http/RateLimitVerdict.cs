namespace Stagecraft.DoEmulator.Http;

/// <summary>What the rate limiter says about one request and the headers it implies.</summary>
internal sealed record RateLimitVerdict(bool Allowed, int Limit, int Remaining, long ResetEpochSeconds, int? RetryAfterSeconds)
{
    /// <summary>The same headers for a request refused for another reason (an injected 429).</summary>
    public RateLimitVerdict AsRefused(int retryAfterSeconds) => this with { Allowed = false, Remaining = 0, RetryAfterSeconds = retryAfterSeconds };
}
