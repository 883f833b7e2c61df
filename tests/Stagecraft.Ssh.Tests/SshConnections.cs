using System.Globalization;
using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// Counts SSH connections to a test host two ways: logins sshd accepted (its log, <c>LogLevel VERBOSE</c>) and TCP
/// connections this machine still holds open to it (<c>/proc/net/tcp</c> and <c>tcp6</c>, client side, state ESTABLISHED). The
/// client side changes state as soon as the socket is closed, so "none open" right after a dispose is exact.
/// </summary>
internal static class SshConnections
{
    private const string Established = "01";

    public static int AcceptedLogins(SshTestHost host) =>
        (host.ReadState("sshd.log") ?? string.Empty)
            .Split('\n')
            .Count(line => line.Contains("Accepted publickey for ", StringComparison.Ordinal));

    public static int OpenTo(SshTestHost host)
    {
        // .NET sockets are dual-mode: the connection may be an IPv4-mapped IPv6 one, listed in tcp6.
        var remote = Endpoint(host.Address, host.Port);
        return Count("/proc/net/tcp", remote) + Count("/proc/net/tcp6", "0000000000000000FFFF0000" + remote);
    }

    private static int Count(string table, string remote) =>
        File.ReadAllLines(table)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[2] == remote && fields[3] == Established);

    /// <summary>/proc/net/tcp's form: the IPv4 address as a little-endian hex word, a colon, the port in hex.</summary>
    private static string Endpoint(string address, int port)
    {
        var bytes = System.Net.IPAddress.Parse(address).GetAddressBytes();
        var word = string.Concat(bytes.Reverse().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        return $"{word}:{port.ToString("X4", CultureInfo.InvariantCulture)}";
    }
}
