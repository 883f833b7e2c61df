namespace Stagecraft.DoEmulator.Http;

/// <summary>Injected failures, deterministic for a given option set and request sequence.</summary>
internal sealed class FaultInjector(EmulatorOptions options, EmulatorFaults faults)
{
    private readonly Lock _gate = new();
#pragma warning disable CA5394 // Deterministic pseudo-randomness is the point: same seed, same faults.
    private readonly Random _random = new(options.Seed);
#pragma warning restore CA5394
    private long _authenticatedRequests;

    /// <summary>Counts one authenticated request and says which fault, if any, it gets.</summary>
    public InjectedFault Next()
    {
        lock (_gate)
        {
            _authenticatedRequests++;
            var every = faults.Fail429EveryNthRequest;
            if (every > 0 && _authenticatedRequests % every == 0)
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
}
