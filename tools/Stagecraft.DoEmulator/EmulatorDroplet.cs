namespace Stagecraft.DoEmulator;

/// <summary>Snapshot of one droplet. The IPs are null while the droplet is <c>new</c>, as in the API's networks.</summary>
public sealed record EmulatorDroplet(
    long Id,
    string Name,
    string Status,
    string Region,
    string Size,
    string Image,
    IReadOnlyList<string> Tags,
    string? PublicIp,
    string? PrivateIp);
