using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stagecraft.DoEmulator.Catalog;

namespace Stagecraft.DoEmulator.Model;

/// <summary>
/// The emulated account: droplets, actions, tags. Thread-safe behind one lock. Time-driven changes (boot, action
/// completion) are applied lazily on every access and also by a timer on the <see cref="TimeProvider"/>, so
/// <see cref="DropletBecameActive"/> fires without a request.
/// </summary>
internal sealed partial class CloudState : IDisposable
{
    /// <summary>Droplet ids start above int.MaxValue so that clients using 32-bit ids break.</summary>
    public const long FirstDropletId = 3_000_000_001;

    /// <summary>Action ids are 64-bit too.</summary>
    public const long FirstActionId = 4_000_000_001;

    public const int MaxNamesPerRequest = 10;

    private static readonly string[] ActionTypes =
    [
        "enable_backups", "disable_backups", "change_backup_policy", "reboot", "power_cycle", "shutdown", "power_off",
        "power_on", "restore", "password_reset", "resize", "rebuild", "rename", "change_kernel", "enable_ipv6", "snapshot",
    ];

    private readonly Lock _gate = new();
    private readonly EmulatorOptions _options;
    private readonly EmulatorFaults _faults;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly SortedDictionary<long, DropletRecord> _droplets = [];
    private readonly SortedDictionary<long, ActionRecord> _actions = [];
    private readonly Dictionary<string, string> _tags = new(StringComparer.OrdinalIgnoreCase);
    private long _nextDropletId = FirstDropletId;
    private long _nextActionId = FirstActionId;
    private int _publicIpsHandedOut;
    private int _privateIpsHandedOut;
    private bool _disposed;

    public CloudState(EmulatorOptions options, EmulatorFaults faults)
    {
        _options = options;
        _faults = faults;
        _time = options.TimeProvider;
        _timer = _time.CreateTimer(static state => ((CloudState)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (options.StateFile is { } path && File.Exists(path))
        {
            Load(path);
        }

        lock (_gate)
        {
            ScheduleNextTransition();
        }
    }

    /// <summary>Raised once per droplet, the first time it turns active, outside the lock.</summary>
    public event Action<EmulatorDroplet>? DropletBecameActive;

    /// <summary>Raised once per droplet when a <c>DELETE /v2/droplets/{id}</c> is accepted for it, outside the lock.</summary>
    public event Action<EmulatorDroplet>? DropletDeleted;

    public IReadOnlyList<EmulatorDroplet> Snapshot()
    {
        List<EmulatorDroplet> activated;
        List<EmulatorDroplet> result;
        lock (_gate)
        {
            activated = Advance();
            result = [.. _droplets.Values.Select(d => d.ToSnapshot())];
        }

        Announce(activated);
        return result;
    }

    public EmulatorDroplet Seed(string name, IEnumerable<string> tags, string region, string size, string image, string status)
    {
        if (status is not (DropletStatus.Active or DropletStatus.Off or DropletStatus.New))
        {
            throw new ArgumentException($"status must be new, active or off, not '{status}'", nameof(status));
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var imageSpec = long.TryParse(image, NumberStyles.None, CultureInfo.InvariantCulture, out var imageId)
                ? ImageCatalog.FindById(imageId) ?? throw new ArgumentException("image id must be positive", nameof(image))
                : ImageCatalog.FindOrSynthesize(image);
            var droplet = NewDroplet(name, region, SizeCatalog.FindOrSynthesize(size).Slug, imageSpec, [.. tags], true, false, null, now);
            droplet.ListedFrom = now;
            droplet.Status = status;

            // A seeded active droplet was active before anyone listened; a seeded new or off one is announced
            // the first time it turns active (boot, power_on, SetStatus).
            droplet.ActivationAnnounced = status == DropletStatus.Active;
            if (status == DropletStatus.New)
            {
                AddAction(droplet, "create", now + _options.BootDelay, null);
            }

            ScheduleNextTransition();
            Save();
            return droplet.ToSnapshot();
        }
    }

    public void SetStatus(long dropletId, string status)
    {
        if (!DropletStatus.IsKnown(status))
        {
            throw new ArgumentException($"unknown droplet status '{status}'", nameof(status));
        }

        var activated = new List<EmulatorDroplet>();
        lock (_gate)
        {
            activated.AddRange(Advance());
            var droplet = RequireDroplet(dropletId);
            droplet.Status = status;
            if (status == DropletStatus.Active && !droplet.ActivationAnnounced)
            {
                droplet.ActivationAnnounced = true;
                activated.Add(droplet.ToSnapshot());
            }

            Save();
        }

        Announce(activated);
    }

    public void RemoveTags(long dropletId, IReadOnlyCollection<string> tags)
    {
        lock (_gate)
        {
            var droplet = RequireDroplet(dropletId);
            droplet.Tags.RemoveAll(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase));
            Save();
        }
    }

    public DropletPage ListDroplets(DropletListQuery query)
    {
        List<EmulatorDroplet> activated;
        DropletPage page;
        lock (_gate)
        {
            activated = Advance();
            var now = _time.GetUtcNow();
            var matching = _droplets.Values
                .Where(d => d.ListedFrom <= now)
                // Trap 8: without tag_name, the list shows GPU droplets only with type=gpus, and only them then.
                .Where(d => query.TagName is not null || IsGpuSize(d.Size) == query.GpusOnly)
                .Where(d => query.TagName is null || d.Tags.Contains(query.TagName, StringComparer.Ordinal))
                .Where(d => query.Name is null || string.Equals(d.Name, query.Name, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var skip = (long)(query.Page - 1) * query.PerPage;
            var items = skip >= matching.Count
                ? []
                : matching.Skip((int)skip).Take(query.PerPage).Select(d => d.Copy()).ToList();
            page = new DropletPage(items, matching.Count);
        }

        Announce(activated);
        return page;
    }

    /// <summary>GPU size slugs start with <c>gpu-</c> (e.g. <c>gpu-h100x1-80gb</c>).</summary>
    private static bool IsGpuSize(string size) => size.StartsWith("gpu-", StringComparison.Ordinal);

    public DropletRecord GetDroplet(long dropletId)
    {
        List<EmulatorDroplet> activated;
        DropletRecord droplet;
        lock (_gate)
        {
            activated = Advance();
            droplet = (_droplets.GetValueOrDefault(dropletId) ?? throw ApiException.NotFound()).Copy();
        }

        Announce(activated);
        return droplet;
    }

    /// <summary>Creates droplets and their create actions. Returns copies, in request order.</summary>
    public (IReadOnlyList<DropletRecord> Droplets, IReadOnlyList<ActionRecord> Actions) CreateDroplets(CreateDropletsCommand command)
    {
        var size = SizeCatalog.FindListed(command.Size)
            ?? throw ApiException.Unprocessable("You specified an invalid size for Droplet creation.");
        var image = (command.ImageSlug is { } slug ? ImageCatalog.FindBySlug(slug) : ImageCatalog.FindById(command.ImageId ?? 0))
            ?? throw ApiException.Unprocessable("You specified an invalid image for Droplet creation.");
        var region = RegionCatalog.Resolve(command.Region)
            ?? throw ApiException.Unprocessable("You specified an invalid region for Droplet creation.");
        if (!RegionCatalog.IsAvailable(region))
        {
            throw ApiException.Unprocessable($"Region {region} is not available for new Droplets.");
        }

        if (!size.OfferedIn(region))
        {
            throw ApiException.Unprocessable($"Size {size.Slug} is not available in region {region}.");
        }
        if (command.VpcUuid is { } vpcUuid)
        {
            var vpc = AllVpcs().FirstOrDefault(v => string.Equals(v.Id, vpcUuid, StringComparison.OrdinalIgnoreCase))
                ?? throw ApiException.Unprocessable($"The VPC {vpcUuid} was not found on your account.");
            if (!string.Equals(vpc.Region, region, StringComparison.Ordinal))
            {
                throw ApiException.Unprocessable($"The VPC {vpcUuid} is in region {vpc.Region}, not {region}.");
            }
        }

        foreach (var key in command.SshKeys)
        {
            if (!_options.SshKeys.Any(k => MatchesKey(k, key)))
            {
                throw ApiException.Unprocessable($"The SSH key '{key}' was not found on your account.");
            }
        }

        lock (_gate)
        {
            Advance();
            if (_faults.DropletLimit is { } limit && _droplets.Count + command.Names.Count > limit)
            {
                throw ApiException.Unprocessable("creating this/these droplet(s) will exceed your droplet limit");
            }

            var now = _time.GetUtcNow();
            var droplets = new List<DropletRecord>();
            var actions = new List<ActionRecord>();
            foreach (var name in command.Names)
            {
                var droplet = NewDroplet(name, region, size.Slug, image, command.Tags, command.PublicNetworking, command.Ipv6, command.VpcUuid, now);
                droplet.ListedFrom = now + _faults.ListLag;
                droplet.Monitoring = command.Monitoring;
                droplet.Backups = command.Backups;
                droplet.UserData = command.UserData;
                droplet.VolumeIds = [.. command.Volumes];
                droplet.SshPublicKeys = [.. _options.SshKeys.Where(k => command.SshKeys.Any(r => MatchesKey(k, r))).OrderBy(k => k.Id).Select(k => k.PublicKey)];
                droplets.Add(droplet.Copy());
                actions.Add(AddAction(droplet, "create", now + _options.BootDelay, null).Copy());
            }

            ScheduleNextTransition();
            Save();
            return (droplets, actions);
        }
    }

    public void DeleteDroplet(long dropletId)
    {
        EmulatorDroplet deleted;
        lock (_gate)
        {
            Advance();
            if (!_droplets.TryGetValue(dropletId, out var droplet))
            {
                throw ApiException.NotFound();
            }

            deleted = droplet.ToSnapshot();
            if (droplet.GoneAt is not null)
            {
                return; // already deleting: still visible, and the repeated DELETE is accepted
            }

            if (_options.DeleteLag > TimeSpan.Zero)
            {
                droplet.GoneAt = _time.GetUtcNow() + _options.DeleteLag;
            }
            else
            {
                _droplets.Remove(dropletId);
            }

            Save();
        }

        DropletDeleted?.Invoke(deleted);
    }

    public void DeleteDropletsByTag(string tag)
    {
        lock (_gate)
        {
            Advance();
            if (!_tags.TryGetValue(tag, out var canonical) || !string.Equals(canonical, tag, StringComparison.Ordinal))
            {
                throw ApiException.NotFound();
            }

            foreach (var id in _droplets.Values.Where(d => d.Tags.Contains(tag, StringComparer.Ordinal)).Select(d => d.Id).ToList())
            {
                _droplets.Remove(id);
            }

            Save();
        }
    }

    public ActionRecord StartAction(long dropletId, string type, string? argument)
    {
        List<EmulatorDroplet> activated;
        ActionRecord action;
        lock (_gate)
        {
            activated = Advance();
            var droplet = _droplets.GetValueOrDefault(dropletId) ?? throw ApiException.NotFound();
            if (!ActionTypes.Contains(type, StringComparer.Ordinal))
            {
                throw ApiException.Unprocessable($"'{type}' is not a valid action type.");
            }

            if (_actions.Values.Any(a => a.DropletId == dropletId && a.Status == ActionRecord.InProgress))
            {
                throw ApiException.Unprocessable("Droplet already has a pending event.");
            }

            switch (type)
            {
                case "power_on" when droplet.Status == DropletStatus.Active:
                    throw ApiException.Unprocessable("Droplet is already powered on.");
                case "power_off" or "shutdown" when droplet.Status == DropletStatus.Off:
                    throw ApiException.Unprocessable("Droplet is already powered off.");
                case "resize" when droplet.Status != DropletStatus.Off:
                    throw ApiException.Unprocessable("Droplet must be off prior to resizing");
                case "resize" when argument is null || SizeCatalog.Find(argument) is null:
                    throw ApiException.Unprocessable("You specified an invalid size for Droplet resize.");
                case "rename" when argument is null || !IsValidDropletName(argument):
                    throw ApiException.Unprocessable("Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)");
                default:
                    break;
            }

            action = AddAction(droplet, type, _time.GetUtcNow() + _options.ActionDelay, argument).Copy();
            ScheduleNextTransition();
            Save();
        }

        Announce(activated);
        return action;
    }

    public ActionRecord GetAction(long actionId, long? dropletId = null)
    {
        List<EmulatorDroplet> activated;
        ActionRecord action;
        lock (_gate)
        {
            activated = Advance();
            var found = _actions.GetValueOrDefault(actionId);
            if (found is null || (dropletId is { } id && found.DropletId != id))
            {
                throw ApiException.NotFound();
            }

            action = found.Copy();
        }

        Announce(activated);
        return action;
    }

    public IReadOnlyList<ActionRecord> DropletActions(long dropletId)
    {
        lock (_gate)
        {
            Advance();
            if (!_droplets.ContainsKey(dropletId))
            {
                throw ApiException.NotFound();
            }

            return [.. _actions.Values.Where(a => a.DropletId == dropletId).Select(a => a.Copy())];
        }
    }

    /// <summary>Creates a tag, or returns the existing one (keeping its first capitalization).</summary>
    public TagSummary CreateTag(string name)
    {
        lock (_gate)
        {
            var canonical = EnsureTag(name);
            Save();
            return SummarizeTag(canonical);
        }
    }

    /// <summary>Tags droplets. Only droplet resources are tracked; other resource types are accepted and ignored.</summary>
    public void TagResources(string tag, IReadOnlyList<(string Id, string Type)> resources)
    {
        lock (_gate)
        {
            // Tag URLs must use the canonical capitalization.
            if (!_tags.TryGetValue(tag, out var canonical) || !string.Equals(canonical, tag, StringComparison.Ordinal))
            {
                throw ApiException.NotFound();
            }

            var droplets = new List<DropletRecord>();
            foreach (var (id, type) in resources)
            {
                if (!string.Equals(type, "droplet", StringComparison.Ordinal))
                {
                    continue;
                }

                var droplet = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var dropletId)
                    ? _droplets.GetValueOrDefault(dropletId)
                    : null;
                droplets.Add(droplet ?? throw ApiException.NotFound());
            }

            foreach (var droplet in droplets.Where(d => !d.Tags.Contains(canonical, StringComparer.Ordinal)))
            {
                droplet.Tags.Add(canonical);
            }

            Save();
        }
    }

    public static bool IsValidDropletName(string name) => name.Length <= 255 && DropletName().IsMatch(name);

    public static bool IsValidTagName(string name) => name.Length is > 0 and <= 255 && TagName().IsMatch(name);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private static bool MatchesKey(EmulatorSshKey key, string reference) =>
        string.Equals(key.Fingerprint, reference, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key.Id.ToString(CultureInfo.InvariantCulture), reference, StringComparison.Ordinal);

    private DropletRecord NewDroplet(
        string name,
        string region,
        string size,
        ImageSpec image,
        IReadOnlyList<string> tags,
        bool publicNetworking,
        bool ipv6,
        string? vpcUuid,
        DateTimeOffset now)
    {
        var privateIndex = _privateIpsHandedOut++;
        var droplet = new DropletRecord
        {
            Id = _nextDropletId++,
            Name = name,
            Region = region,
            Size = size,
            ImageSlug = image.Slug,
            ImageId = image.Id,
            Tags = [.. tags.Select(EnsureTag).Distinct(StringComparer.Ordinal)],
            CreatedAt = now,
            PrivateIpv4 = string.Create(CultureInfo.InvariantCulture, $"10.108.{privateIndex / 250}.{(privateIndex % 250) + 2}"),
            PublicIpv4 = publicNetworking ? NextPublicIp() : null,
            PublicIpv6 = ipv6 ? string.Create(CultureInfo.InvariantCulture, $"2604:a880:800:10::{privateIndex + 1:x}:1001") : null,
            VpcUuid = vpcUuid ?? DefaultVpcUuid(region),
        };
        _droplets.Add(droplet.Id, droplet);
        return droplet;
    }

    private string NextPublicIp()
    {
        var index = _publicIpsHandedOut++;
        if (index < _options.PublicIpPool.Count)
        {
            return _options.PublicIpPool[index];
        }

        var fallback = index - _options.PublicIpPool.Count;
        return string.Create(CultureInfo.InvariantCulture, $"203.0.113.{(fallback % 254) + 1}");
    }

    /// <summary>Each region's default VPC, then the configured ones, by id.</summary>
    public IReadOnlyList<EmulatorVpc> AllVpcs() =>
        [.. RegionCatalog.Slugs.Select(r => new EmulatorVpc(DefaultVpcUuid(r), $"default-{r}", r)).Concat(_options.Vpcs).OrderBy(v => v.Id, StringComparer.Ordinal)];

    private static string DefaultVpcUuid(string region)
    {
        var index = RegionCatalog.Slugs.ToList().IndexOf(region) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"5a4981aa-9653-4bd1-bef5-{index:x12}");
    }

    private ActionRecord AddAction(DropletRecord droplet, string type, DateTimeOffset dueAt, string? argument)
    {
        var action = new ActionRecord
        {
            Id = _nextActionId++,
            Type = type,
            StartedAt = _time.GetUtcNow(),
            DueAt = dueAt,
            DropletId = droplet.Id,
            RegionSlug = droplet.Region,
            Argument = argument,
        };
        _actions.Add(action.Id, action);
        return action;
    }

    private string EnsureTag(string name)
    {
        if (_tags.TryGetValue(name, out var canonical))
        {
            return canonical;
        }

        _tags.Add(name, name);
        return name;
    }

    private TagSummary SummarizeTag(string canonical)
    {
        var tagged = _droplets.Values.Where(d => d.Tags.Contains(canonical, StringComparer.Ordinal)).ToList();
        return new TagSummary(canonical, tagged.Count, tagged.Count == 0 ? null : tagged[^1].Id);
    }

    private DropletRecord RequireDroplet(long dropletId) =>
        _droplets.GetValueOrDefault(dropletId) ?? throw new ArgumentException($"no droplet {dropletId}", nameof(dropletId));

    /// <summary>Applies every transition due by now. Caller holds the lock; returns droplets to announce.</summary>
    private List<EmulatorDroplet> Advance()
    {
        var now = _time.GetUtcNow();
        var activated = new List<EmulatorDroplet>();
        foreach (var gone in _droplets.Values.Where(d => d.GoneAt <= now).Select(d => d.Id).ToList())
        {
            _droplets.Remove(gone);
        }

        var due = _actions.Values
            .Where(a => a.Status == ActionRecord.InProgress && a.DueAt <= now)
            .OrderBy(a => a.DueAt)
            .ThenBy(a => a.Id)
            .ToList();
        foreach (var action in due)
        {
            action.Status = ActionRecord.Completed;
            action.CompletedAt = action.DueAt;
            if (_droplets.GetValueOrDefault(action.DropletId) is not { } droplet)
            {
                continue;
            }

            Apply(action, droplet);
            if (droplet.Status == DropletStatus.Active && !droplet.ActivationAnnounced)
            {
                droplet.ActivationAnnounced = true;
                activated.Add(droplet.ToSnapshot());
            }
        }

        if (due.Count > 0)
        {
            ScheduleNextTransition();
            Save();
        }

        return activated;
    }

    private static void Apply(ActionRecord action, DropletRecord droplet)
    {
        switch (action.Type)
        {
            case "create" when droplet.Status == DropletStatus.New:
            case "power_on" or "reboot" or "power_cycle":
                droplet.Status = DropletStatus.Active;
                break;
            case "power_off" or "shutdown":
                droplet.Status = DropletStatus.Off;
                break;
            case "resize":
                droplet.Size = action.Argument ?? droplet.Size;
                break;
            case "rename":
                droplet.Name = action.Argument ?? droplet.Name;
                break;
            default:
                break;
        }
    }

    private void ScheduleNextTransition()
    {
        if (_disposed)
        {
            return;
        }

        var next = _actions.Values.Where(a => a.Status == ActionRecord.InProgress).Select(a => (DateTimeOffset?)a.DueAt).Min();
        if (next is null)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = next.Value - _time.GetUtcNow();
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        List<EmulatorDroplet> activated;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            activated = Advance();
            ScheduleNextTransition();
        }

        Announce(activated);
    }

    private void Announce(List<EmulatorDroplet> activated)
    {
        foreach (var droplet in activated)
        {
            DropletBecameActive?.Invoke(droplet);
        }
    }

    private void Save()
    {
        if (_options.StateFile is not { } path)
        {
            return;
        }

        var state = new PersistedState
        {
            NextDropletId = _nextDropletId,
            NextActionId = _nextActionId,
            PublicIpsHandedOut = _publicIpsHandedOut,
            PrivateIpsHandedOut = _privateIpsHandedOut,
            Droplets = [.. _droplets.Values],
            Actions = [.. _actions.Values],
            Tags = [.. _tags.Values.Order(StringComparer.Ordinal)],
        };
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.PersistedState));
        File.Move(temporary, path, overwrite: true);
    }

    private void Load(string path)
    {
        var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), StateJsonContext.Default.PersistedState)
            ?? throw new InvalidDataException($"{path}: empty state file");
        lock (_gate)
        {
            _nextDropletId = Math.Max(state.NextDropletId, FirstDropletId);
            _nextActionId = Math.Max(state.NextActionId, FirstActionId);
            _publicIpsHandedOut = state.PublicIpsHandedOut;
            _privateIpsHandedOut = state.PrivateIpsHandedOut;
            foreach (var droplet in state.Droplets)
            {
                _droplets.Add(droplet.Id, droplet);
            }

            foreach (var action in state.Actions)
            {
                _actions.Add(action.Id, action);
            }

            foreach (var tag in state.Tags)
            {
                _tags.TryAdd(tag, tag);
            }
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]?[a-z0-9A-Z.\-]*[a-z0-9A-Z]$", RegexOptions.CultureInvariant)]
    private static partial Regex DropletName();

    [GeneratedRegex(@"^[a-zA-Z0-9_\-:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TagName();
}
