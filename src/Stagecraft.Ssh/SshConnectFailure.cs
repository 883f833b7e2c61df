using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// The inner exception of every <see cref="RemoteConnectionException"/> thrown while connecting: carries the
/// <see cref="SshFailureKind"/> and the short reason (<c>connection refused</c>) for the readiness message.
/// </summary>
internal sealed class SshConnectFailure : Exception
{
    public SshConnectFailure()
    {
    }

    public SshConnectFailure(string message)
        : base(message)
    {
    }

    public SshConnectFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SshConnectFailure(SshFailureKind kind, string reason, Exception? innerException)
        : base(reason, innerException)
    {
        Kind = kind;
    }

    public SshFailureKind Kind { get; }
}
