namespace Stagecraft.Core.Providers;

/// <summary>
/// One cloud firewall rule: <paramref name="Direction"/> <c>inbound</c> or <c>outbound</c>, a protocol (<c>tcp</c>,
/// <c>udp</c>, <c>icmp</c>), <paramref name="Ports"/> (<c>22</c>, <c>8000-9000</c>, <c>all</c>; empty for ICMP) and
/// the addresses it allows from (inbound) or to (outbound), sorted. Compared by value.
/// </summary>
public sealed record FirewallRule(string Direction, string Protocol, string Ports, IReadOnlyList<string> Addresses)
{
    public bool Equals(FirewallRule? other) =>
        other is not null &&
        string.Equals(Direction, other.Direction, StringComparison.Ordinal) &&
        string.Equals(Protocol, other.Protocol, StringComparison.Ordinal) &&
        string.Equals(Ports, other.Ports, StringComparison.Ordinal) &&
        Addresses.SequenceEqual(other.Addresses, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Direction, Protocol, Ports, string.Join(',', Addresses));

    /// <summary>For example <c>inbound tcp 22 from 0.0.0.0/0, ::/0</c>, <c>outbound icmp to 0.0.0.0/0</c>.</summary>
    public override string ToString()
    {
        var ports = Ports.Length > 0 ? $" {Ports}" : string.Empty;
        var preposition = Direction == "inbound" ? "from" : "to";
        return $"{Direction} {Protocol}{ports} {preposition} {string.Join(", ", Addresses)}";
    }
}
