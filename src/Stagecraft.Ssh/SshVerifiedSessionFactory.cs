using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// The SSH adapter of <see cref="IVerifiedSessionFactory"/>: one connection attempt to the host's public IPv4 that
/// trusts only the key pinned in known_hosts. A host without a line there is reported <see cref="ConnectionCheck.NotPinned"/>
/// with the presented key's fingerprint, and known_hosts is never written (no pin, no lock file). Does not own the
/// <see cref="SshContext"/>.
/// </summary>
public sealed class SshVerifiedSessionFactory : IVerifiedSessionFactory
{
    private readonly SshContext context;

    public SshVerifiedSessionFactory(SshContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
    }

    public async Task<VerifiedConnection> ConnectVerifiedAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrEmpty(host.PublicIp))
        {
            return VerifiedConnection.Failed(ConnectionCheck.Unreachable, $"host {host.Name} has no public IP address");
        }

        try
        {
            var session = await context.ConnectVerifiedAsync(host.PublicIp, cancellationToken).ConfigureAwait(false);
            return VerifiedConnection.Ok(session);
        }
        catch (RemoteConnectionException e) when (!cancellationToken.IsCancellationRequested)
        {
            var check = (e.InnerException as SshConnectFailure)?.Kind switch
            {
                SshFailureKind.HostKeyNotPinned => ConnectionCheck.NotPinned,
                SshFailureKind.HostKeyRefused => ConnectionCheck.Mismatch,
                SshFailureKind.Authentication => ConnectionCheck.AuthenticationFailed,
                _ => ConnectionCheck.Unreachable,
            };
            return VerifiedConnection.Failed(check, e.Message);
        }
    }
}
