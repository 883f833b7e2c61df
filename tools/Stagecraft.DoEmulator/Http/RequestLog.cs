namespace Stagecraft.DoEmulator.Http;

/// <summary>Thread-safe, append-only log of served requests, each with the instant it arrived (on the emulator's clock).</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorRequest> _entries = [];
    private readonly List<DateTimeOffset> _arrivals = [];

    public void Add(EmulatorRequest entry, DateTimeOffset arrivedAt)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            _arrivals.Add(arrivedAt);
        }
    }

    public IReadOnlyList<EmulatorRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    /// <summary>The most requests that arrived within any span of <paramref name="window"/> (half-open: [t, t + window)).</summary>
    public int Busiest(TimeSpan window)
    {
        List<DateTimeOffset> arrivals;
        lock (_gate)
        {
            arrivals = [.. _arrivals];
        }

        arrivals.Sort();
        var busiest = 0;
        var start = 0;
        for (var end = 0; end < arrivals.Count; end++)
        {
            while (arrivals[end] - arrivals[start] >= window)
            {
                start++;
            }

            busiest = Math.Max(busiest, end - start + 1);
        }

        return busiest;
    }
}
