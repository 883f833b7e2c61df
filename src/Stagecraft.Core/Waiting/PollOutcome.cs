namespace Stagecraft.Core.Waiting;

/// <summary>One poll attempt: done with a value, or still pending with a reason (kept for the timeout message).</summary>
public readonly record struct PollOutcome<T>(bool IsDone, T? Value, string PendingReason);
