namespace Stagecraft.Core.Providers;

/// <summary>
/// The environment's cloud firewall in the plan (<see cref="Applied"/> false) or after the apply (true): its name, the
/// action, the rule diff (for a create, every rule is added), and warnings such as SSH open to anywhere.
/// </summary>
public sealed record FirewallChange(
    string Name,
    FirewallAction Action,
    IReadOnlyList<FirewallRule> Added,
    IReadOnlyList<FirewallRule> Removed,
    IReadOnlyList<string> Warnings,
    bool Applied)
{
    /// <summary>The rules it allows SSH by (inbound TCP on the SSH port), for the readiness error's hint.</summary>
    public string SshSources { get; init; } = string.Empty;
}
