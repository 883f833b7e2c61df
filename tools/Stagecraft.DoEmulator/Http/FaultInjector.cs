namespace Stagecraft.DoEmulator.Http;

/// <summary>Injected failures, deterministic for a given option set and request sequence.</summary>
internal sealed class FaultInjector(EmulatorOptions options)
{
    private readonly Lock _gate = new();
#pragma warning disable CA5394 // Deterministic pseudo-randomness is the point: same seed, same faults.
    private readonly Random _random = new(options.Seed);
#pragma warning restore CA5394
    private readonly HashSet<string> _lostAlready = new(StringComparer.Ordinal);
    private long _authenticatedRequests;

    /// <summary>Counts one authenticated request and says which fault, if any, it gets.</summary>
    public InjectedFault Next()
    {
        lock (_gate)
        {
            _authenticatedRequests++;
            if (options.Fail429EveryNthRequest > 0 && _authenticatedRequests % options.Fail429EveryNthRequest == 0)
            {
                return InjectedFault.TooManyRequests;
            }

#pragma warning disable CA5394
            if (options.ServerErrorRate > 0 && _random.NextDouble() < options.ServerErrorRate)
#pragma warning restore CA5394
            {
                return InjectedFault.ServerError;
            }

            return InjectedFault.None;
        }
    }

    /// <summary>True when a create for these names must lose its response; each configured name fires once.</summary>
    public bool ShouldLoseCreateResponse(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            var hit = false;
            foreach (var name in names.Where(options.LoseCreateResponseFor.Contains))
            {
                hit |= _lostAlready.Add(name);
            }

            return hit;
        }
    }
}
