using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>The address SSH connects to: the host's public IPv4.</summary>
internal static class SshAddress
{
    /// <exception cref="RemoteConnectionException">The host has no public IP yet.</exception>
    public static string Of(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return string.IsNullOrEmpty(host.PublicIp)
            ? throw new RemoteConnectionException($"host {host.Name} has no public IP address")
            : host.PublicIp;
    }
}
