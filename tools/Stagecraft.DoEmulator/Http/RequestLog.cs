namespace Stagecraft.DoEmulator.Http;

/// <summary>Thread-safe, append-only log of served requests.</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorRequest> _entries = [];

    public void Add(EmulatorRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<EmulatorRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }
}
