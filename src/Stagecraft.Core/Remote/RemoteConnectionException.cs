namespace Stagecraft.Core.Remote;

/// <summary>The connection to a host failed or was lost (maps to <c>ssh_failed</c> for that host). Message is one line, no secrets.</summary>
public sealed class RemoteConnectionException : Exception
{
    public RemoteConnectionException()
    {
    }

    public RemoteConnectionException(string message)
        : base(message)
    {
    }

    public RemoteConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
