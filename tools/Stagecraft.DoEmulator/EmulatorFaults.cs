namespace Stagecraft.DoEmulator;

/// <summary>
/// The faults of a running emulator, switchable while it serves (so a test can break a run and then re-run with faults
/// off). Starts from <see cref="EmulatorOptions"/>; <see cref="Clear"/> turns every fault off.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _loseCreateResponseFor;
    private readonly HashSet<string> _lostAlready = new(StringComparer.Ordinal);
    private readonly List<ArmedFault> _endpointFaults = [];
    private int _fail429EveryNthRequest;
    private int? _dropletLimit;
    private int? _reportedDropletLimit;
    private TimeSpan _listLag;

    internal EmulatorFaults(EmulatorOptions options)
    {
        _fail429EveryNthRequest = options.Fail429EveryNthRequest;
        _dropletLimit = options.DropletLimit;
        _listLag = options.ListLag;
        _loseCreateResponseFor = new HashSet<string>(options.LoseCreateResponseFor, StringComparer.Ordinal);
        foreach (var fault in options.EndpointFaults)
        {
            Add(fault);
        }
    }

    /// <summary>0 = off; otherwise every Nth authenticated request gets 429 with <c>retry-after: 1</c>.</summary>
    public int Fail429EveryNthRequest
    {
        get { lock (_gate) { return _fail429EveryNthRequest; } }
        set { lock (_gate) { _fail429EveryNthRequest = value; } }
    }

    /// <summary>Account droplet limit; a create that would exceed it gets 422. Null = no limit.</summary>
    public int? DropletLimit
    {
        get { lock (_gate) { return _dropletLimit; } }
        set { lock (_gate) { _dropletLimit = value; } }
    }

    /// <summary>
    /// What <c>GET /v2/account</c> says the limit is, when it should differ from <see cref="DropletLimit"/>: models
    /// another client using the headroom between a preflight and the create. Null = the enforced limit.
    /// </summary>
    public int? ReportedDropletLimit
    {
        get { lock (_gate) { return _reportedDropletLimit ?? _dropletLimit; } }
        set { lock (_gate) { _reportedDropletLimit = value; } }
    }

    /// <summary>A droplet created from now on is absent from lists until <c>created_at + ListLag</c>.</summary>
    public TimeSpan ListLag
    {
        get { lock (_gate) { return _listLag; } }
        set { lock (_gate) { _listLag = value; } }
    }

    /// <summary>Creates of these droplet names really happen but answer 500 (once per name).</summary>
    public void LoseCreateResponseFor(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (_gate)
        {
            _loseCreateResponseFor.UnionWith(names);
        }
    }

    /// <summary>Arms <paramref name="fault"/> for its next <see cref="EndpointFault.Count"/> matching requests.</summary>
    public void Add(EndpointFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Count, 1);
        lock (_gate)
        {
            _endpointFaults.Add(new ArmedFault(fault, fault.Count));
        }
    }

    /// <summary>How many requests the armed endpoint faults have not hit yet.</summary>
    public int EndpointFaultsLeft
    {
        get { lock (_gate) { return _endpointFaults.Sum(f => f.Left); } }
    }

    /// <summary>Turns every fault off: no injected 429s, lost responses, endpoint faults, list lag or droplet limit.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _fail429EveryNthRequest = 0;
            _dropletLimit = null;
            _reportedDropletLimit = null;
            _listLag = TimeSpan.Zero;
            _loseCreateResponseFor.Clear();
            _endpointFaults.Clear();
        }
    }

    /// <summary>The first armed fault matching the request, consuming one of its hits; null when none matches.</summary>
    internal EndpointFault? TakeEndpointFault(string method, string path)
    {
        lock (_gate)
        {
            foreach (var armed in _endpointFaults)
            {
                if (armed.Left > 0 && armed.Fault.Matches(method, path))
                {
                    armed.Left--;
                    return armed.Fault;
                }
            }

            return null;
        }
    }

    /// <summary>True when a create for these names must lose its response; each configured name fires once.</summary>
    internal bool ShouldLoseCreateResponse(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            var hit = false;
            foreach (var name in names.Where(_loseCreateResponseFor.Contains))
            {
                hit |= _lostAlready.Add(name);
            }

            return hit;
        }
    }

    private sealed class ArmedFault(EndpointFault fault, int left)
    {
        public EndpointFault Fault { get; } = fault;

        public int Left { get; set; } = left;
    }
}
