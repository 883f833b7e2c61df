using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// The SSH adapter of <see cref="IHostKeyPins"/>: the known_hosts file of <c>infra.bootstrap.ssh</c>, through the same
/// store (and lock) that pins on first use. Does not own the <see cref="SshContext"/>.
/// </summary>
public sealed class SshHostKeyPins : IHostKeyPins
{
    private readonly SshContext context;

    public SshHostKeyPins(SshContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
    }

    public Task<bool> ForgetAsync(Host host, CancellationToken cancellationToken) =>
        context.ForgetAsync(SshAddress.Of(host), cancellationToken);
}
