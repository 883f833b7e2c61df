namespace Stagecraft.DoEmulator.Http;

/// <summary>
/// Per-token sliding windows as documented: 5000 per hour, a configurable burst per minute, and 10 per minute for
/// <c>GET /v2/account/keys</c>. Only admitted requests are counted. <c>ratelimit-reset</c> is when the oldest
/// counted request leaves the hourly window.
/// </summary>
internal sealed class RateLimiter(TimeProvider time, int burstPerMinute)
{
    public const int HourlyLimit = 5000;
    public const int KeyListLimitPerMinute = 10;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Windows> _byToken = new(StringComparer.Ordinal);

    /// <summary>Headers for a request that carries no valid token and is not counted.</summary>
    public RateLimitVerdict Uncounted() =>
        new(true, HourlyLimit, HourlyLimit, time.GetUtcNow().ToUnixTimeSeconds(), null);

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

            var hourExhausted = windows.HourLog.Count >= HourlyLimit;
            if (retryAfter is not null || hourExhausted)
            {
                return new RateLimitVerdict(false, HourlyLimit, 0, ResetOf(windows, now), retryAfter);
            }

            windows.HourLog.Enqueue(now);
            windows.MinuteLog.Enqueue(now);
            if (isKeyList)
            {
                windows.KeyListLog.Enqueue(now);
            }

            var remaining = Math.Min(HourlyLimit - windows.HourLog.Count, burstPerMinute - windows.MinuteLog.Count);
            return new RateLimitVerdict(true, HourlyLimit, Math.Max(remaining, 0), ResetOf(windows, now), null);
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
