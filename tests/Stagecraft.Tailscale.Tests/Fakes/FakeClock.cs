using Microsoft.Extensions.Time.Testing;

namespace Stagecraft.Tailscale.Tests.Fakes;

/// <summary>Drives an operation that waits on a <see cref="FakeTimeProvider"/>: advances virtual time until it completes (no real sleeping).</summary>
internal static class FakeClock
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Func<Task<T>> operation)
    {
        var task = operation();
        for (var step = 0; step < 10_000 && !task.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        Assert.True(task.IsCompleted, "the operation did not finish within 2500s of virtual time");
        return await task;
    }
}
