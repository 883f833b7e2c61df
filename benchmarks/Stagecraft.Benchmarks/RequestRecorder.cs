using Stagecraft.DoEmulator;

namespace Stagecraft.Benchmarks;

/// <summary>
/// Polls the emulator's request log every <see cref="SampleInterval"/> and stamps each new entry with the time it
/// was first seen, so requests can be placed on the run's timeline (the log itself has no times).
/// </summary>
internal sealed class RequestRecorder : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(50);

    private readonly DoEmulatorServer server;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly List<TimedRequest> seen = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public RequestRecorder(DoEmulatorServer server, TimeProvider time, long started)
    {
        this.server = server;
        this.time = time;
        this.started = started;
        loop = RunAsync(stop.Token);
    }

    /// <summary>Stops sampling and returns every request, in log order.</summary>
    public async Task<IReadOnlyList<TimedRequest>> FinishAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        Collect();
        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Collect();
            try
            {
                await Task.Delay(SampleInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Collect()
    {
        var log = server.Requests;
        var now = time.GetElapsedTime(started);
        for (var i = seen.Count; i < log.Count; i++)
        {
            seen.Add(new TimedRequest(log[i], now));
        }
    }
}
