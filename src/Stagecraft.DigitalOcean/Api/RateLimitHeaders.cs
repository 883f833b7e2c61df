using System.Globalization;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>The rate-limit headers of one response (names are case-insensitive on the wire).</summary>
internal readonly record struct RateLimitHeaders(int? Remaining, DateTimeOffset? Reset, TimeSpan? RetryAfter)
{
    /// <summary><c>ratelimit-limit</c>: the hourly quota.</summary>
    public int? Limit { get; init; }

    public static RateLimitHeaders From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        int? remaining = int.TryParse(Header(response, "ratelimit-remaining"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        int? limit = int.TryParse(Header(response, "ratelimit-limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : null;
        DateTimeOffset? reset = long.TryParse(Header(response, "ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;
        TimeSpan? retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => RetryAfterFromDate(date, response),
            _ => null,
        };
        return new RateLimitHeaders(remaining, reset, retryAfter) { Limit = limit };
    }

    /// <summary>
    /// How long a 429 says to stay away: <c>retry-after</c> (the burst), else until <c>ratelimit-reset</c> (the hourly
    /// quota); null when it says neither. Not clamped.
    /// </summary>
    public TimeSpan? RefusalWait(DateTimeOffset now) => RetryAfter ?? (Reset is { } reset ? reset - now : null);

    private static TimeSpan? RetryAfterFromDate(DateTimeOffset date, HttpResponseMessage response) =>
        response.Headers.Date is { } now ? date - now : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
