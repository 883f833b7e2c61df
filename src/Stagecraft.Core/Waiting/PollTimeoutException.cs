namespace Stagecraft.Core.Waiting;

/// <summary>A <see cref="Poller"/> ran out of time; <see cref="Exception.Message"/> is the last pending reason.</summary>
public sealed class PollTimeoutException : Exception
{
    public PollTimeoutException()
    {
    }

    public PollTimeoutException(string message)
        : base(message)
    {
    }

    public PollTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
