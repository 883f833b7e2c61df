namespace Stagecraft.Core.Providers;

/// <summary>What the plan says for the environment's cloud firewall.</summary>
public enum FirewallAction
{
    Create,
    Unchanged,
    Update,
}
