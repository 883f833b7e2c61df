using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Secrets;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>
/// Sends one logical API request with authentication, a per-attempt timeout and the retry policy, all timed on
/// <see cref="TimeProvider"/>. Requests are sent one at a time by the provider, so the rate-limit state needs no locking.
/// </summary>
internal sealed class ApiRequestExecutor
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly Secret token;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly DigitalOceanApiOptions options;
    private DateTimeOffset notBefore = DateTimeOffset.MinValue;

    public ApiRequestExecutor(HttpClient http, Uri baseUri, Secret token, TimeProvider time, IDiagnostics diagnostics, DigitalOceanApiOptions options)
    {
        this.http = http;
        this.baseUri = WithTrailingSlash(baseUri);
        this.token = token;
        this.time = time;
        this.diagnostics = diagnostics;
        this.options = options;
    }

    public Uri BaseUri => baseUri;

    /// <summary>Sends <paramref name="pathAndQuery"/> (relative, e.g. <c>v2/droplets?per_page=200</c>) and returns the 2xx response.</summary>
    /// <exception cref="DigitalOceanApiException">Any other outcome once the policy gives up.</exception>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, byte[]? jsonBody, RetryMode mode, CancellationToken cancellationToken)
    {
        var uri = new Uri(baseUri, pathAndQuery);
        var endpoint = $"{method.Method} {uri.AbsolutePath}";
        for (var attempt = 1; ; attempt++)
        {
            await WaitForRateLimitAsync(cancellationToken).ConfigureAwait(false);
            var outcome = await SendOnceAsync(method, uri, jsonBody, attempt, cancellationToken).ConfigureAwait(false);
            if (outcome.Response is not null)
            {
                return outcome.Response;
            }

            var failure = outcome.Failure!;
            var retryable = failure.IsRateLimited || (mode == RetryMode.Idempotent && failure.IsTransient);
            if (!retryable || attempt >= options.MaxAttempts)
            {
                var ambiguous = mode == RetryMode.OnlyWhenRejected && failure.IsTransient;
                var attempts = attempt == 1 ? "failed" : $"failed after {attempt} attempts";
                throw new DigitalOceanApiException(
                    $"digitalocean provider: {endpoint} {attempts}: {failure.Describe()}",
                    failure.StatusCode,
                    failure.ErrorId,
                    failure.RequestId,
                    ambiguous,
                    failure.Exception);
            }

            var delay = failure.IsRateLimited ? RateLimitDelay(failure.Headers, attempt) : Backoff(attempt);
            Log($"digitalocean: retrying {endpoint} in {FormatSeconds(delay)} after {failure.Summary()} (attempt {attempt}/{options.MaxAttempts})");
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AttemptOutcome> SendOnceAsync(HttpMethod method, Uri uri, byte[]? jsonBody, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = options.RequestTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        var target = uri.PathAndQuery;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var headers = RateLimitHeaders.From(response);
            RememberRateLimit(headers);
            var headerRequestId = response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null;
            if (response.IsSuccessStatusCode)
            {
                Log($"digitalocean: {method.Method} {target} -> {status} (request id {headerRequestId ?? "none"}, attempt {attempt}, authorization {Secret.Redacted})");
                return new AttemptOutcome(new ApiResponse(status, body, headerRequestId), null);
            }

            var error = ParseError(body);
            var requestId = string.IsNullOrEmpty(error?.RequestId) ? headerRequestId : error.RequestId;
            Log($"digitalocean: {method.Method} {target} -> {status} {error?.Id ?? string.Empty} (request id {requestId ?? "none"}, attempt {attempt}, authorization {Secret.Redacted})");
            var transient = status >= 500 && status != (int)HttpStatusCode.NotImplemented;
            return new AttemptOutcome(null, new AttemptFailure(status, error?.Id, requestId, Scrub(error?.Message), null, status == 429, transient, headers));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            Log($"digitalocean: {method.Method} {target} timed out (attempt {attempt})");
            return new AttemptOutcome(null, new AttemptFailure(null, null, null, $"timed out after {FormatSeconds(options.RequestTimeout)}", ex, false, true, default));
        }
        catch (HttpRequestException ex)
        {
            Log($"digitalocean: {method.Method} {target} transport error (attempt {attempt}): {Scrub(ex.Message)}");
            return new AttemptOutcome(null, new AttemptFailure(null, null, null, $"transport error: {Scrub(ex.Message)}", ex, false, true, default));
        }
    }

    private static ErrorResponse? ParseError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, DigitalOceanJsonContext.Default.ErrorResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Belt and braces: nothing the server or the runtime says may carry the token into a message.</summary>
    private string? Scrub(string? text) =>
        text?.Replace(token.Reveal(), Secret.Redacted, StringComparison.Ordinal);

    private void RememberRateLimit(RateLimitHeaders headers)
    {
        if (headers.Remaining is not { } remaining || headers.Reset is not { } reset || remaining > options.LowRemainingThreshold)
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
        notBefore = time.GetUtcNow() + Min(spacing, options.MaxRateLimitWait);
    }

    private async Task WaitForRateLimitAsync(CancellationToken cancellationToken)
    {
        var wait = notBefore - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            Log($"digitalocean: rate limit nearly used up; waiting {FormatSeconds(wait)}");
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan RateLimitDelay(RateLimitHeaders headers, int attempt)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            return Clamp(retryAfter);
        }

        if (headers.Reset is { } reset)
        {
            return Clamp(reset - time.GetUtcNow());
        }

        return Backoff(attempt);
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : Min(wait, options.MaxRateLimitWait);

    /// <summary>Exponential backoff with "equal jitter": half fixed, half random.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.RetryBaseDelay.Ticks * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (0.5 * options.Jitter.NextFactor()))));
    }

    private void Log(string message)
    {
        if (diagnostics.IsEnabled)
        {
            diagnostics.Verbose(Scrub(message)!);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string FormatSeconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private sealed record AttemptOutcome(ApiResponse? Response, AttemptFailure? Failure);

    private sealed record AttemptFailure(
        int? StatusCode,
        string? ErrorId,
        string? RequestId,
        string? Message,
        Exception? Exception,
        bool IsRateLimited,
        bool IsTransient,
        RateLimitHeaders Headers)
    {
        public string Summary() =>
            StatusCode is { } status ? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}" : Message ?? "error";

        public string Describe()
        {
            if (StatusCode is not { } status)
            {
                return Message ?? "error";
            }

            var text = $"HTTP {status.ToString(CultureInfo.InvariantCulture)}";
            if (!string.IsNullOrEmpty(ErrorId))
            {
                text += $" {ErrorId}";
            }

            if (!string.IsNullOrEmpty(RequestId))
            {
                text += $" (request id {RequestId})";
            }

            return string.IsNullOrEmpty(Message) ? text : $"{text}: {Message}";
        }
    }
}
