namespace Stagecraft.DoEmulator.Http;

/// <summary>
/// Per-token sliding windows as documented: an hourly quota (5000), a burst per minute (250), and 10 per minute for
/// <c>GET /v2/account/keys</c>. Only admitted requests are counted. The headers speak of the hourly quota, as the
/// spec says: <c>ratelimit-limit</c> is the quota, <c>ratelimit-remaining</c> what is left of it (0 on a 429, whichever
/// limit refused), <c>ratelimit-reset</c> when the oldest counted request leaves the hourly window. The burst window
/// shows only as a 429 with <c>retry-after</c>.
/// </summary>
internal sealed class RateLimiter(TimeProvider time, int burstPerMinute, int hourlyLimit)
{
    public const int KeyListLimitPerMinute = 10;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Windows> _byToken = new(StringComparer.Ordinal);

    /// <summary>Headers for a request that carries no valid token and is not counted.</summary>
    public RateLimitVerdict Uncounted() =>
        new(true, hourlyLimit, hourlyLimit, time.GetUtcNow().ToUnixTimeSeconds(), null);

    public RateLimitVerdict Admit(string token, bool isKeyList)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_byToken.TryGetValue(token, out var windows))
            {
                windows = new Windows();
                _byToken.Add(token, windows);
            }

            Prune(windows.HourLog, now - Hour);
            Prune(windows.MinuteLog, now - Minute);
            Prune(windows.KeyListLog, now - Minute);

            int? retryAfter = null;
            if (windows.MinuteLog.Count >= burstPerMinute)
            {
                retryAfter = SecondsUntil(windows.MinuteLog.Peek() + Minute, now);
            }
            else if (isKeyList && windows.KeyListLog.Count >= KeyListLimitPerMinute)
            {
                retryAfter = SecondsUntil(windows.KeyListLog.Peek() + Minute, now);
            }

            var hourExhausted = windows.HourLog.Count >= hourlyLimit;
            if (retryAfter is not null || hourExhausted)
            {
                return new RateLimitVerdict(false, hourlyLimit, 0, ResetOf(windows, now), retryAfter);
            }

            windows.HourLog.Enqueue(now);
            windows.MinuteLog.Enqueue(now);
            if (isKeyList)
            {
                windows.KeyListLog.Enqueue(now);
            }

            return new RateLimitVerdict(true, hourlyLimit, hourlyLimit - windows.HourLog.Count, ResetOf(windows, now), null);
        }
    }

    private static void Prune(Queue<DateTimeOffset> log, DateTimeOffset cutoff)
    {
        while (log.Count > 0 && log.Peek() <= cutoff)
        {
            log.Dequeue();
        }
    }

    private static int SecondsUntil(DateTimeOffset instant, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((instant - now).TotalSeconds));

    private static long ResetOf(Windows windows, DateTimeOffset now)
    {
        var oldest = windows.HourLog.Count > 0 ? windows.HourLog.Peek() : now;
        return (long)Math.Ceiling((oldest + Hour).ToUnixTimeMilliseconds() / 1000.0);
    }

    private sealed class Windows
    {
        public Queue<DateTimeOffset> HourLog { get; } = new();

        public Queue<DateTimeOffset> MinuteLog { get; } = new();

        public Queue<DateTimeOffset> KeyListLog { get; } = new();
    }
}
