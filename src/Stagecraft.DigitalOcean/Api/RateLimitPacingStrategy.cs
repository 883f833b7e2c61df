using System.Net;
using Polly;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>
/// A pipeline step that slows down rather than retries: every attempt first takes its place in the
/// <see cref="RateLimitBudget"/> (waiting as long as the budget says, on the <see cref="TimeProvider"/>), and every answer
/// tells the budget what the API said of the limits. It sits inside the retry step, so retried attempts are paced too,
/// and outside the per-attempt timeout, so waiting here never counts as a slow request. One instance per client,
/// shared by concurrent requests.
/// </summary>
internal sealed class RateLimitPacingStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly TimeProvider time;
    private readonly RateLimitBudget budget;
    private readonly Func<ResilienceContext, RequestPriority> priorityOf;
    private readonly Func<HttpResponseMessage, TimeSpan> refusalWait;
    private readonly Action<ResilienceContext, BudgetWait> onWaiting;

    /// <param name="refusalWait">How long a 429 makes the refused request's retry wait; everyone else waits as long.</param>
    public RateLimitPacingStrategy(
        TimeProvider time,
        RateLimitBudget budget,
        Func<ResilienceContext, RequestPriority> priorityOf,
        Func<HttpResponseMessage, TimeSpan> refusalWait,
        Action<ResilienceContext, BudgetWait> onWaiting)
    {
        this.time = time;
        this.budget = budget;
        this.priorityOf = priorityOf;
        this.refusalWait = refusalWait;
        this.onWaiting = onWaiting;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(context);
        var priority = priorityOf(context);
        while (budget.TryAcquire(priority) is { Delay: var delay } wait && delay > TimeSpan.Zero)
        {
            onWaiting(context, wait);
            try
            {
                await Task.Delay(delay, time, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException ex)
            {
                return Outcome.FromException<HttpResponseMessage>(ex);
            }
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } refused)
        {
            // Someone used the budget (another client of the token, or the window slid otherwise than counted): hold
            // everyone back as long as the retry of this one waits.
            budget.Refused(refusalWait(refused));
        }
        else if (outcome.Result is { } response)
        {
            budget.Observe(RateLimitHeaders.From(response));
        }

        return outcome;
    }
}
