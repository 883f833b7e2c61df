namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>
/// Sits in the client's transport, above real HTTP. When armed, every <c>POST /v2/droplets</c> is sent to the
/// emulator (which serves it) but its response is held until <see cref="HoldUntil"/> creates have been sent, so a test
/// can prove that creates were in flight together. <see cref="MaxInFlight"/> is the most creates sent and not yet
/// answered at one moment. If the creates never get there (sequential code) the gate opens after a real-time
/// failsafe so the test fails on its assertions instead of hanging.
/// </summary>
internal sealed class CreateGate : DelegatingHandler
{
    private static readonly TimeSpan Failsafe = TimeSpan.FromSeconds(20);
    private readonly Lock gate = new();
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(int Count, TaskCompletionSource Reached)> watchers = [];
    private int sent;
    private int inFlight;

    public CreateGate(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>0 = off (responses pass at once).</summary>
    public int HoldUntil { get; set; }

    public int MaxInFlight { get; private set; }

    /// <summary>Completes once <paramref name="count"/> creates have been sent.</summary>
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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri!.AbsolutePath != "/v2/droplets")
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
                await Task.WhenAny(open.Task, Task.Delay(Failsafe, CancellationToken.None)).WaitAsync(cancellationToken);
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
