namespace Stagecraft.DigitalOcean.Configuration;

/// <summary>
/// <c>cloud.providers.digitalocean.firewall</c>: where SSH may come from (CIDRs or addresses; anywhere when not set,
/// which the report warns about) and the TCP ports (<c>80</c>, <c>8000-9000</c>) open to anywhere.
/// </summary>
internal sealed record FirewallSettings(IReadOnlyList<string> SshSources, bool SshFromAnywhereByDefault, IReadOnlyList<string> Ports)
{
    public static readonly IReadOnlyList<string> Anywhere = ["0.0.0.0/0", "::/0"];
}
