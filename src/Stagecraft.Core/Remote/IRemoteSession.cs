namespace Stagecraft.Core.Remote;

/// <summary>An open connection to one host. Runs commands; throws <see cref="RemoteConnectionException"/> when the connection fails.</summary>
public interface IRemoteSession : IAsyncDisposable
{
    /// <summary>True when the login user is root (privileged commands then run without sudo).</summary>
    bool UserIsRoot { get; }

    Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken);
}
