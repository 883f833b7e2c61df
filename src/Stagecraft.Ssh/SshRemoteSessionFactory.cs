using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// The SSH adapter of <see cref="IRemoteSessionFactory"/>: key auth, TOFU host keys, exec channels without a PTY.
/// Used for a host only when its readiness probe handed over no session. Does not own the <see cref="SshContext"/>.
/// </summary>
public sealed class SshRemoteSessionFactory : IRemoteSessionFactory
{
    private readonly SshContext context;

    public SshRemoteSessionFactory(SshContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
    }

    public async Task<IRemoteSession> ConnectAsync(Host host, CancellationToken cancellationToken) =>
        await context.ConnectAsync(SshAddress.Of(host), cancellationToken).ConfigureAwait(false);
}
