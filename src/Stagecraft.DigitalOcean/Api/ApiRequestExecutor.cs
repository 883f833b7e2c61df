using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Secrets;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>
/// Sends one logical API request with authentication through a Polly pipeline built once per client, all timed on
/// <see cref="TimeProvider"/>: retry (outermost) → rate-limit pacing → per-attempt timeout → HTTP send.
/// 429 is always retried (nothing happened); 5xx other than 501, transport errors and timeouts only when the request
/// is <see cref="RetryMode.Idempotent"/>. For a create they are ambiguous and the provider re-lists instead.
/// </summary>
internal sealed class ApiRequestExecutor
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private static readonly ResiliencePropertyKey<ApiCall> CallKey = new("stagecraft.digitalocean.call");

    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly Secret token;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly DigitalOceanApiOptions options;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly RequestPriority priority;

    public ApiRequestExecutor(HttpClient http, Uri baseUri, Secret token, TimeProvider time, IDiagnostics diagnostics, DigitalOceanApiOptions options)
    {
        this.http = http;
        this.baseUri = WithTrailingSlash(baseUri);
        this.token = token;
        this.time = time;
        this.diagnostics = diagnostics;
        this.options = options;
        Budget = new RateLimitBudget(time, options);
        Counter = new ApiRequestCounter();
        priority = RequestPriority.Immediate;
        pipeline = BuildPipeline();
    }

    /// <summary>A view that shares the transport, pipeline, rate-limit budget and counter but logs to another sink or sends with another priority.</summary>
    private ApiRequestExecutor(ApiRequestExecutor shared, IDiagnostics diagnostics, RequestPriority priority)
    {
        http = shared.http;
        baseUri = shared.baseUri;
        token = shared.token;
        time = shared.time;
        options = shared.options;
        pipeline = shared.pipeline;
        Budget = shared.Budget;
        Counter = shared.Counter;
        this.diagnostics = diagnostics;
        this.priority = priority;
    }

    /// <summary>
    /// The same executor (one pipeline, one rate-limit budget) whose request lines go to <paramref name="sink"/>,
    /// so concurrent work can keep its lines apart and emit them in a deterministic order.
    /// </summary>
    public ApiRequestExecutor WithDiagnostics(IDiagnostics sink) => new(this, sink, priority);

    /// <summary>The same executor whose requests are polls: the budget defers them before any other request.</summary>
    public ApiRequestExecutor ForPolling() => new(this, diagnostics, RequestPriority.Deferrable);

    public Uri BaseUri => baseUri;

    /// <summary>Every request this executor and its views sent, by class.</summary>
    public ApiRequestCounter Counter { get; }

    /// <summary>The rate-limit budget this executor and its views share.</summary>
    internal RateLimitBudget Budget { get; }

    /// <summary>Sends <paramref name="pathAndQuery"/> (relative, e.g. <c>v2/droplets?per_page=200</c>) and returns the 2xx response.</summary>
    /// <exception cref="DigitalOceanApiException">Any other outcome once the policy gives up.</exception>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, byte[]? jsonBody, RetryMode mode, CancellationToken cancellationToken)
    {
        var call = new ApiCall(method, new Uri(baseUri, pathAndQuery), jsonBody, mode, diagnostics)
        {
            Priority = priority,
            Class = ApiRequestClasses.Of(method, pathAndQuery),
        };
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                static (ctx, state) => state.Executor.SendOnceAsync(state.Call, ctx.CancellationToken),
                context,
                (Executor: this, Call: call)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Failed(call, new AttemptFailure(null, null, null, TimedOut()), transient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Failed(call, new AttemptFailure(null, null, null, TransportError(ex)), transient: true, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            // Already buffered inside the timeout; this read does not touch the network.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new ApiResponse((int)response.StatusCode, body, HeaderRequestId(response));
            }

            throw Failed(call, FailureOf(response, body), IsTransient(response, null), null);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, CallOf(args.Context).Mode)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.Outcome, args.AttemptNumber + 1)),
                OnRetry = args =>
                {
                    Log(CallOf(args.Context), $"digitalocean: retrying {CallOf(args.Context).Endpoint} in {FormatSeconds(args.RetryDelay)} after {Summary(args.Outcome)} (attempt {args.AttemptNumber + 1}/{options.MaxAttempts})");
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddStrategy(_ => new RateLimitPacingStrategy(
            time,
            Budget,
            context => CallOf(context).Priority,
            response => RateLimitHeaders.From(response).RefusalWait(time.GetUtcNow()) is { } wait ? Clamp(wait) : TimeSpan.Zero,
            (context, wait) => Log(CallOf(context), wait.Reason == BudgetReason.Burst
                ? $"digitalocean: {BurstShare(CallOf(context).Priority)} requests sent in the last 60 s; waiting {FormatSeconds(wait.Delay)}"
                : $"digitalocean: rate limit nearly used up; waiting {FormatSeconds(wait.Delay)}")));

        if (options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = options.RequestTimeout,
                OnTimeout = args =>
                {
                    var call = CallOf(args.Context);
                    Log(call, $"digitalocean: {call.Method.Method} {call.Uri.PathAndQuery} timed out (attempt {call.Attempts})");
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    private string BurstShare(RequestPriority priority) =>
        priority == RequestPriority.Immediate
            ? Budget.BurstCapacity(priority).ToString(CultureInfo.InvariantCulture)
            : $"{Budget.BurstCapacity(priority).ToString(CultureInfo.InvariantCulture)} (the polls' share)";

    /// <summary>One attempt. The body is buffered here, inside the per-attempt timeout.</summary>
    private async ValueTask<HttpResponseMessage> SendOnceAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var attempt = ++call.Attempts;
        var method = call.Method.Method;
        var target = call.Uri.PathAndQuery;
        using var request = new HttpRequestMessage(call.Method, call.Uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.JsonBody is not null)
        {
            request.Content = new ByteArrayContent(call.JsonBody);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        HttpResponseMessage? response = null;
        Counter.Sent(call.Class);
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Counter.Refused();
            }

            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                Log(call, $"digitalocean: {method} {target} -> {status} (request id {HeaderRequestId(response) ?? "none"}, attempt {attempt}, authorization {Secret.Redacted})");
            }
            else
            {
                var failure = FailureOf(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
                Log(call, $"digitalocean: {method} {target} -> {status} {failure.ErrorId ?? string.Empty} (request id {failure.RequestId ?? "none"}, attempt {attempt}, authorization {Secret.Redacted})");
            }

            var result = response;
            response = null;
            return result;
        }
        catch (HttpRequestException ex)
        {
            Log(call, $"digitalocean: {method} {target} transport error (attempt {attempt}): {Scrub(ex.Message)}");
            throw;
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, RetryMode mode) =>
        outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
        || (mode == RetryMode.Idempotent && IsTransient(outcome.Result, outcome.Exception));

    /// <summary>A failure that may pass on its own, and that a non-idempotent request may or may not have survived.</summary>
    private static bool IsTransient(HttpResponseMessage? response, Exception? exception) =>
        response is not null
            ? (int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented
            : exception is HttpRequestException or TimeoutRejectedException;

    /// <summary><c>retry-after</c> on 429/503, else <c>ratelimit-reset</c> on 429, else exponential backoff.</summary>
    private TimeSpan RetryDelay(Outcome<HttpResponseMessage> outcome, int attempt)
    {
        if (outcome.Result is { } response)
        {
            var headers = RateLimitHeaders.From(response);
            var status = response.StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable && headers.RetryAfter is { } retryAfter)
            {
                return Clamp(retryAfter);
            }

            if (status == HttpStatusCode.TooManyRequests && headers.RefusalWait(time.GetUtcNow()) is { } wait)
            {
                return Clamp(wait);
            }
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

    /// <param name="transient">For a create, a transient failure means it may or may not have taken effect.</param>
    private static DigitalOceanApiException Failed(ApiCall call, AttemptFailure failure, bool transient, Exception? innerException)
    {
        var attempts = call.Attempts == 1 ? "failed" : $"failed after {call.Attempts} attempts";
        var ambiguous = call.Mode == RetryMode.OnlyWhenRejected && transient;
        return new DigitalOceanApiException(
            $"digitalocean provider: {call.Endpoint} {attempts}: {failure.Describe()}",
            failure.StatusCode,
            failure.ErrorId,
            failure.RequestId,
            ambiguous,
            innerException);
    }

    private AttemptFailure FailureOf(HttpResponseMessage response, byte[] body)
    {
        var error = ParseError(body);
        var requestId = string.IsNullOrEmpty(error?.RequestId) ? HeaderRequestId(response) : error.RequestId;
        return new AttemptFailure((int)response.StatusCode, error?.Id, requestId, Scrub(error?.Message));
    }

    private string Summary(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => $"HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}",
        { Exception: TimeoutRejectedException } => TimedOut(),
        { Exception: HttpRequestException ex } => TransportError(ex),
        _ => "error",
    };

    private string TimedOut() => $"timed out after {FormatSeconds(options.RequestTimeout)}";

    private string TransportError(HttpRequestException ex) => $"transport error: {Scrub(ex.Message)}";

    private static ApiCall CallOf(ResilienceContext context) =>
        context.Properties.TryGetValue(CallKey, out var call) ? call : throw new InvalidOperationException("the API call is missing from the resilience context");

    private static string? HeaderRequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null;

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

    private void Log(ApiCall call, string message)
    {
        if (call.Diagnostics.IsEnabled)
        {
            call.Diagnostics.Verbose(Scrub(message)!);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string FormatSeconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>One logical request across its attempts; travels in the resilience context.</summary>
    private sealed class ApiCall(HttpMethod method, Uri uri, byte[]? jsonBody, RetryMode mode, IDiagnostics diagnostics)
    {
        /// <summary>Where this call's lines go: the executor's sink when the call started.</summary>
        public IDiagnostics Diagnostics { get; } = diagnostics;

        public HttpMethod Method { get; } = method;

        public Uri Uri { get; } = uri;

        public byte[]? JsonBody { get; } = jsonBody;

        public RetryMode Mode { get; } = mode;

        public RequestPriority Priority { get; init; }

        public ApiRequestClass Class { get; init; }

        public string Endpoint { get; } = $"{method.Method} {uri.AbsolutePath}";

        public int Attempts { get; set; }
    }

    private sealed record AttemptFailure(int? StatusCode, string? ErrorId, string? RequestId, string? Message)
    {
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
