namespace Stagecraft.Core.Waiting;

/// <summary>Builds <see cref="PollOutcome{T}"/> values: <c>PollOutcome.Done(x)</c>, <c>PollOutcome.Pending&lt;T&gt;("why")</c>.</summary>
public static class PollOutcome
{
    public static PollOutcome<T> Done<T>(T value) => new(true, value, string.Empty);

    public static PollOutcome<T> Pending<T>(string reason) => new(false, default, reason);
}
