using Microsoft.Extensions.Time.Testing;

namespace Stagecraft.Core.Testing;

/// <summary>Drives a <see cref="FakeTimeProvider"/> until a task finishes: advance a step, let continuations run, repeat (bounded).</summary>
public static class FakeClock
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(task);
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            // Let pending continuations register their timers before time moves on.
            for (var spin = 0; spin < 20 && !task.IsCompleted; spin++)
            {
                await Task.Yield();
            }

            await Task.Delay(1).ConfigureAwait(false);
            if (!task.IsCompleted)
            {
                time.Advance(step);
            }
        }

        return await task.ConfigureAwait(false);
    }

    public static Task RunAsync(FakeTimeProvider time, Task task, TimeSpan step, int maxSteps = 10_000) =>
        RunAsync(time, Wrap(task), step, maxSteps);

    private static async Task<bool> Wrap(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
