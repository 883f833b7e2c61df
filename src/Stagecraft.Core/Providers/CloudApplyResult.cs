namespace Stagecraft.Core.Providers;

public sealed record CloudApplyResult(IReadOnlyList<ProvisionedHost> Hosts)
{
    /// <summary>The environment's cloud firewall as applied, or null when the config declares none.</summary>
    public FirewallChange? Firewall { get; init; }
}
