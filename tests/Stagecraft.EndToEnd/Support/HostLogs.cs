using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd.Support;

/// <summary>A point in a host's exec.log and commands.log, to see what one run did there.</summary>
public sealed record HostLogs(int ExecLines, int CommandLines)
{
    public static HostLogs Mark(SshTestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new HostLogs(host.ExecLog().Count, host.CommandsLog().Count);
    }

    /// <summary>SSH command strings recorded since the mark.</summary>
    public IReadOnlyList<string> ExecSince(SshTestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.ExecLog().Skip(ExecLines).ToList();
    }

    /// <summary>Shim calls (apt-get, tailscale, systemctl, …) recorded since the mark.</summary>
    public IReadOnlyList<string> CommandsSince(SshTestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.CommandsLog().Skip(CommandLines).ToList();
    }
}
