using Microsoft.Extensions.Time.Testing;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>
/// A view of a <see cref="FakeTimeProvider"/> for the code under test. It tracks the timers that code creates, so a
/// test can advance the shared fake clock exactly to the next thing the code waits for (a discrete-event clock).
/// The emulator gets the plain <see cref="Fake"/>: its own timers are not tracked.
/// </summary>
internal sealed class TrackingTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TrackedTimer> active = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TrackingTimeProvider(FakeTimeProvider fake)
    {
        Fake = fake;
    }

    public FakeTimeProvider Fake { get; }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Inner = Fake.CreateTimer(
            s =>
            {
                tracked.OnFired();
                callback(s);
            },
            state,
            dueTime,
            period);
        tracked.Schedule(dueTime, period);
        return tracked;
    }

    /// <summary>
    /// Runs <paramref name="task"/> to completion, advancing the fake clock to the next tracked timer whenever the code
    /// under test is blocked on one. Bounded; never sleeps.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, int maxSteps = 5_000)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            var next = NextDueAsync();
            if (await Task.WhenAny(task, next) == task)
            {
                return await task;
            }

            var due = await next;
            var now = Fake.GetUtcNow();
            Fake.Advance(due > now ? due - now : TimeSpan.Zero);
        }

        throw new InvalidOperationException($"the task did not finish within {maxSteps} clock steps");
    }

    public async Task RunAsync(Task task, int maxSteps = 5_000) =>
        await RunAsync(WithResult(task), maxSteps);

    private static async Task<bool> WithResult(Task task)
    {
        await task;
        return true;
    }

    /// <summary>Completes with the earliest due time once at least one tracked timer is pending.</summary>
    private async Task<DateTimeOffset> NextDueAsync()
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                var due = active.Where(t => t.Due is not null).Select(t => t.Due!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
                if (due != DateTimeOffset.MaxValue)
                {
                    return due;
                }

                wait = changed.Task;
            }

            await wait;
        }
    }

    private void Update(TrackedTimer timer, bool isActive)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            active.Remove(timer);
            if (isActive)
            {
                active.Add(timer);
            }

            signal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private sealed class TrackedTimer(TrackingTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; private set; }

        private TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            Period = period;
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime;
            owner.Update(this, Due is not null);
        }

        public void OnFired()
        {
            Due = Period == Timeout.InfiniteTimeSpan || Period == TimeSpan.Zero ? null : owner.GetUtcNow() + Period;
            owner.Update(this, Due is not null);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = Inner.Change(dueTime, period);
            Schedule(dueTime, period);
            return changed;
        }

        public void Dispose()
        {
            Inner.Dispose();
            Due = null;
            owner.Update(this, false);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
