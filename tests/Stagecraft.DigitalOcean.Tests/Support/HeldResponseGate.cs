namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>
/// Sits in the client's transport, above real HTTP. When armed, every request the gate <see cref="Holds"/> is sent to
/// the emulator (which serves it) but its response is held until <see cref="HoldUntil"/> such requests have been sent,
/// so a test can prove that they were in flight together. <see cref="MaxInFlight"/> is the most of them sent and not
/// yet answered at one moment. If they never get there (sequential code) the gate opens for good after a real-time
/// failsafe so the test fails on its assertions instead of hanging.
/// </summary>
internal abstract class HeldResponseGate : DelegatingHandler
{
    private static readonly TimeSpan Failsafe = TimeSpan.FromSeconds(20);
    private readonly Lock gate = new();
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(int Count, TaskCompletionSource Reached)> watchers = [];
    private int sent;
    private int inFlight;

    protected HeldResponseGate(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>0 = off (responses pass at once).</summary>
    public int HoldUntil { get; set; }

    public int MaxInFlight { get; private set; }

    /// <summary>Completes once <paramref name="count"/> held requests have been sent.</summary>
    public Task WhenSent(int count)
    {
        lock (gate)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (sent >= count)
            {
                reached.SetResult();
            }
            else
            {
                watchers.Add((count, reached));
            }

            return reached.Task;
        }
    }

    /// <summary>Whether this gate counts and holds <paramref name="request"/>; every other request passes untouched.</summary>
    protected abstract bool Holds(HttpRequestMessage request);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!Holds(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        lock (gate)
        {
            sent++;
            inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, inFlight);
            if (HoldUntil > 0 && sent >= HoldUntil)
            {
                open.TrySetResult();
            }

            foreach (var watcher in watchers.Where(w => sent >= w.Count))
            {
                watcher.Reached.TrySetResult();
            }
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (HoldUntil > 0)
            {
                var first = await Task.WhenAny(open.Task, Task.Delay(Failsafe, CancellationToken.None)).WaitAsync(cancellationToken);
                if (first != open.Task)
                {
                    // The failsafe fired: open for good, so sequential code fails after one failsafe, not one per request.
                    open.TrySetResult();
                }
            }

            return response;
        }
        finally
        {
            lock (gate)
            {
                inFlight--;
            }
        }
    }
}
