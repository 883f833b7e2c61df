namespace Stagecraft.DoEmulator.Model;

/// <summary>Mutable server-side action state; only touched under the <see cref="CloudState"/> lock.</summary>
internal sealed class ActionRecord
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Errored = "errored";

    public long Id { get; set; }

    public string Type { get; set; } = "";

    public string Status { get; set; } = InProgress;

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the action finishes; <see cref="CompletedAt"/> is set to this when it does.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public long DropletId { get; set; }

    public string RegionSlug { get; set; } = "";

    /// <summary>For resize: the new size slug. For rename: the new name.</summary>
    public string? Argument { get; set; }

    /// <summary>A detached copy, safe to read after the lock is released.</summary>
    public ActionRecord Copy() => (ActionRecord)MemberwiseClone();
}
