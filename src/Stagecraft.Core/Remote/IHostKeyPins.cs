using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Remote;

/// <summary>The host keys pinned on first use (SSH: the known_hosts file of <c>infra.bootstrap.ssh</c>).</summary>
public interface IHostKeyPins
{
    /// <summary>
    /// Forgets the key pinned for the host's address and port, so a new host given the same address is pinned afresh.
    /// Returns whether a pin was removed. Lines for other hosts, comments and markers stay byte for byte.
    /// </summary>
    Task<bool> ForgetAsync(Host host, CancellationToken cancellationToken);
}
