namespace Stagecraft.Core.Waiting;

/// <summary>How a <see cref="Poller"/> waits: overall timeout, first interval, growth factor and cap.</summary>
public sealed record PollOptions(TimeSpan Timeout, TimeSpan InitialInterval, TimeSpan MaxInterval, double Backoff = 1.5);
