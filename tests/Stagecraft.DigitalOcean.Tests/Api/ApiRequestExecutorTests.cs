using System.Net;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Api;

public sealed class ApiRequestExecutorTests
{
    private const string ServerError = """{"id":"server_error","message":"Unexpected server-side error","request_id":"abc"}""";
    private const string RateLimited = """{"id":"too_many_requests","message":"API rate limit exceeded."}""";

    [Fact]
    public async Task SendAsync_WhenServerKeepsFailing_GivesUpAfterFiveAttemptsWithBackoff()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(StubHandler.Json(HttpStatusCode.ServiceUnavailable, ServerError))));
        var started = h.Clock.GetUtcNow();

        var ex = await Assert.ThrowsAsync<DigitalOceanApiException>(() => h.Clock.RunAsync(Get(h, "v2/droplets?per_page=200")));

        Assert.Equal("digitalocean provider: GET /prefix/v2/droplets failed after 5 attempts: HTTP 503 server_error (request id abc): Unexpected server-side error", ex.Message);
        Assert.Equal((503, "server_error", "abc", false), (ex.StatusCode, ex.ErrorId, ex.RequestId, ex.IsAmbiguous));
        Assert.Equal(5, h.Stub.Requests.Count);

        // 1s·2^(n-1) capped at 30s, times 0.5 + 0.5·jitter(0.5): 0.75 + 1.5 + 3 + 6.
        Assert.Equal(TimeSpan.FromSeconds(11.25), h.Clock.GetUtcNow() - started);
        Assert.Equal("Bearer " + ClientHarness.Token, h.Stub.LastAuthorization);
        Assert.All(h.Diagnostics.Messages, m => Assert.DoesNotContain(ClientHarness.Token, m, StringComparison.Ordinal));
        Assert.Contains("digitalocean: GET /prefix/v2/droplets?per_page=200 -> 503 server_error (request id abc, attempt 1, authorization [redacted])", h.Diagnostics.Messages);
    }

    [Fact]
    public async Task SendAsync_When429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json((HttpStatusCode)429, RateLimited, ("retry-after", "7"), ("ratelimit-remaining", "0"), ("ratelimit-reset", "1767603600"))
            : StubHandler.Json(HttpStatusCode.OK, "{}", ("x-request-id", "r-2")))));
        var started = h.Clock.GetUtcNow();

        var response = await h.Clock.RunAsync(Get(h, "v2/account/keys"));

        Assert.Equal(("r-2", 2), (response.RequestId, h.Stub.Requests.Count));
        Assert.Equal(TimeSpan.FromSeconds(7), h.Clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task SendAsync_When429WithoutRetryAfter_WaitsUntilRateLimitReset()
    {
        // The clock starts at 2026-01-05T09:00:00Z = 1767603600.
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json((HttpStatusCode)429, RateLimited, ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "1767603612"))
            : StubHandler.Json(HttpStatusCode.OK, "{}"))));
        var started = h.Clock.GetUtcNow();

        await h.Clock.RunAsync(Get(h, "v2/droplets"));

        Assert.Equal(TimeSpan.FromSeconds(12), h.Clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task SendAsync_WhenRemainingLow_SpacesTheNextRequestUntilReset()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(
            StubHandler.Json(HttpStatusCode.OK, "{}", ("ratelimit-remaining", "0"), ("ratelimit-reset", "1767603620")))));
        var started = h.Clock.GetUtcNow();

        await h.Clock.RunAsync(Get(h, "v2/droplets"));
        Assert.Equal(TimeSpan.Zero, h.Clock.GetUtcNow() - started);
        await h.Clock.RunAsync(Get(h, "v2/droplets"));

        Assert.Equal(TimeSpan.FromSeconds(20), h.Clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task SendAsync_WhenCreateGets5xx_DoesNotRetryAndMarksAmbiguous()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(StubHandler.Json(HttpStatusCode.InternalServerError, ServerError))));

        var ex = await Assert.ThrowsAsync<DigitalOceanApiException>(() => h.Clock.RunAsync(Post(h, RetryMode.OnlyWhenRejected)));

        Assert.True(ex.IsAmbiguous);
        Assert.Single(h.Stub.Requests);
        Assert.Equal("digitalocean provider: POST /prefix/v2/droplets failed: HTTP 500 server_error (request id abc): Unexpected server-side error", ex.Message);
    }

    [Fact]
    public async Task SendAsync_WhenCreateGets429_RetriesBecauseNothingWasCreated()
    {
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json((HttpStatusCode)429, RateLimited, ("retry-after", "2"))
            : StubHandler.Json(HttpStatusCode.Accepted, """{"droplets":[]}"""))));

        var response = await h.Clock.RunAsync(Post(h, RetryMode.OnlyWhenRejected));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_WhenCreateConnectionFails_IsAmbiguousAfterOneAttempt()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => throw new HttpRequestException("Connection reset by peer")));

        var ex = await Assert.ThrowsAsync<DigitalOceanApiException>(() => h.Clock.RunAsync(Post(h, RetryMode.OnlyWhenRejected)));

        Assert.True(ex.IsAmbiguous);
        Assert.Null(ex.StatusCode);
        Assert.Equal("digitalocean provider: POST /prefix/v2/droplets failed: transport error: Connection reset by peer", ex.Message);
    }

    [Fact]
    public async Task SendAsync_WhenNotImplemented_DoesNotRetry()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(StubHandler.Json(HttpStatusCode.NotImplemented, """{"id":"not_implemented","message":"nope"}"""))));

        var ex = await Assert.ThrowsAsync<DigitalOceanApiException>(() => h.Clock.RunAsync(Get(h, "v2/droplets")));

        Assert.Equal(501, ex.StatusCode);
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task SendAsync_WhenServerNeverAnswers_TimesOutEachAttemptOnTheClock()
    {
        var options = new DigitalOceanApiOptions { RequestTimeout = TimeSpan.FromSeconds(30), Jitter = new FixedJitter(0) };
        using var h = new ClientHarness(
            new StubHandler((_, _) => new TaskCompletionSource<HttpResponseMessage>().Task),
            options);
        var started = h.Clock.GetUtcNow();

        var ex = await Assert.ThrowsAsync<DigitalOceanApiException>(() => h.Clock.RunAsync(Get(h, "v2/droplets")));

        Assert.Equal("digitalocean provider: GET /prefix/v2/droplets failed after 5 attempts: timed out after 30s", ex.Message);
        // 5 × 30 s timeouts plus backoff 0.5 + 1 + 2 + 4 s (jitter 0).
        Assert.Equal(TimeSpan.FromSeconds(157.5), h.Clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task SendAsync_WhenCallerCancels_ThrowsCancellationNotApiError()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(StubHandler.Json(HttpStatusCode.ServiceUnavailable, ServerError))));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            h.Executor.SendAsync(HttpMethod.Get, "v2/droplets", null, RetryMode.Idempotent, cts.Token));
    }

    [Fact]
    public async Task SendAsync_When429WithRetryAfterDate_WaitsUntilThatDateOnTheServerClock()
    {
        // The server's own Date header is the reference, so a skewed local clock does not matter.
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json((HttpStatusCode)429, RateLimited, ("date", "Mon, 05 Jan 2026 08:59:00 GMT"), ("retry-after", "Mon, 05 Jan 2026 08:59:09 GMT"))
            : StubHandler.Json(HttpStatusCode.OK, "{}"))));
        var started = h.Clock.GetUtcNow();

        await h.Clock.RunAsync(Get(h, "v2/droplets"));

        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(9), h.Clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task SendAsync_When503WithRetryAfter_WaitsThatLongInsteadOfBackingOff()
    {
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json(HttpStatusCode.ServiceUnavailable, ServerError, ("retry-after", "4"))
            : StubHandler.Json(HttpStatusCode.OK, "{}"))));
        var started = h.Clock.GetUtcNow();

        await h.Clock.RunAsync(Get(h, "v2/droplets"));

        Assert.Equal(TimeSpan.FromSeconds(4), h.Clock.GetUtcNow() - started);
        Assert.Contains("digitalocean: retrying GET /prefix/v2/droplets in 4s after HTTP 503 (attempt 1/5)", h.Diagnostics.Messages);
    }

    [Fact]
    public async Task SendAsync_WhenRetryAfterIsHuge_CapsTheWait()
    {
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json((HttpStatusCode)429, RateLimited, ("retry-after", "3600"))
            : StubHandler.Json(HttpStatusCode.OK, "{}"))));
        var started = h.Clock.GetUtcNow();

        await h.Clock.RunAsync(Get(h, "v2/droplets"));

        Assert.Equal(h.Options.MaxRateLimitWait, h.Clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task SendAsync_When500ForAnIdempotentPost_Retries()
    {
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json(HttpStatusCode.InternalServerError, ServerError)
            : StubHandler.Json(HttpStatusCode.NoContent, string.Empty))));

        var response = await h.Clock.RunAsync(Post(h, RetryMode.Idempotent));

        Assert.Equal((204, 2), (response.StatusCode, h.Stub.Requests.Count));
    }

    [Fact]
    public async Task SendAsync_WhenCreateTimesOut_DoesNotRetryAndMarksAmbiguous()
    {
        var options = new DigitalOceanApiOptions { RequestTimeout = TimeSpan.FromSeconds(30), Jitter = new FixedJitter(0) };
        using var h = new ClientHarness(new StubHandler((_, _) => new TaskCompletionSource<HttpResponseMessage>().Task), options);
        var started = h.Clock.GetUtcNow();

        var ex = await Assert.ThrowsAsync<DigitalOceanApiException>(() => h.Clock.RunAsync(Post(h, RetryMode.OnlyWhenRejected)));

        Assert.Equal("digitalocean provider: POST /prefix/v2/droplets failed: timed out after 30s", ex.Message);
        Assert.Equal((null, true), (ex.StatusCode, ex.IsAmbiguous));
        Assert.Single(h.Stub.Requests);
        Assert.Equal(TimeSpan.FromSeconds(30), h.Clock.GetUtcNow() - started);
        Assert.Equal(["digitalocean: POST /prefix/v2/droplets timed out (attempt 1)"], h.Diagnostics.Messages);
    }

    [Fact]
    public async Task SendAsync_WhenConnectionResetOnce_RetriesAndLogsEachStep()
    {
        using var h = new ClientHarness(new StubHandler((_, n) => n == 1
            ? throw new HttpRequestException("Connection reset by peer")
            : Task.FromResult(StubHandler.Json(HttpStatusCode.OK, "{}", ("x-request-id", "r-2")))));

        await h.Clock.RunAsync(Get(h, "v2/droplets?page=2"));

        Assert.Equal(
            [
                "digitalocean: GET /prefix/v2/droplets?page=2 transport error (attempt 1): Connection reset by peer",
                "digitalocean: retrying GET /prefix/v2/droplets in 0.75s after transport error: Connection reset by peer (attempt 1/5)",
                "digitalocean: GET /prefix/v2/droplets?page=2 -> 200 (request id r-2, attempt 2, authorization [redacted])",
            ],
            h.Diagnostics.Messages);
    }

    [Fact]
    public async Task SendAsync_WhenRetryingWithFewRequestsLeft_PacesTheRetryToo()
    {
        // remaining 1, reset in 20 s: the next attempt waits until 20 / (1 + 1) = 10 s, longer than the 0.75 s backoff.
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(n == 1
            ? StubHandler.Json(HttpStatusCode.BadGateway, ServerError, ("ratelimit-remaining", "1"), ("ratelimit-reset", "1767603620"))
            : StubHandler.Json(HttpStatusCode.OK, "{}"))));
        var started = h.Clock.GetUtcNow();

        await h.Clock.RunAsync(Get(h, "v2/droplets"));

        Assert.Equal(TimeSpan.FromSeconds(10), h.Clock.GetUtcNow() - started);
        Assert.Contains("digitalocean: rate limit nearly used up; waiting 9.25s", h.Diagnostics.Messages);
    }

    [Fact]
    public async Task SendAsync_WhenRetrying_DisposesEveryResponse()
    {
        var responses = new List<HttpResponseMessage>();
        using var h = new ClientHarness(new StubHandler((_, n) =>
        {
            var response = n < 3 ? StubHandler.Json(HttpStatusCode.ServiceUnavailable, ServerError) : StubHandler.Json(HttpStatusCode.OK, "{}");
            responses.Add(response);
            return Task.FromResult(response);
        }));

        await h.Clock.RunAsync(Get(h, "v2/droplets"));

        Assert.Equal(3, responses.Count);
        foreach (var response in responses)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task SendAsync_WhenCallerCancelsDuringBackoff_ThrowsCancellationNotApiError()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(StubHandler.Json(HttpStatusCode.ServiceUnavailable, ServerError))));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(0.5), h.Clock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            h.Clock.RunAsync(h.Executor.SendAsync(HttpMethod.Get, "v2/droplets", null, RetryMode.Idempotent, cts.Token)));

        Assert.Single(h.Stub.Requests);
    }

    private static Task<ApiResponse> Get(ClientHarness h, string path) =>
        h.Executor.SendAsync(HttpMethod.Get, path, null, RetryMode.Idempotent, CancellationToken.None);

    private static Task<ApiResponse> Post(ClientHarness h, RetryMode mode) =>
        h.Executor.SendAsync(HttpMethod.Post, "v2/droplets", "{}"u8.ToArray(), mode, CancellationToken.None);
}
