namespace Stagecraft.Core.Providers;

/// <summary>What <c>infra down --include-firewall</c> did (or would do) with the environment's cloud firewall.</summary>
public enum FirewallTeardownOutcome
{
    WouldDelete,
    Deleted,
    Absent,
    Kept,
}

/// <summary>The environment's firewall in the teardown report: its name, the outcome, and why when it was kept.</summary>
public sealed record FirewallTeardown(string Name, FirewallTeardownOutcome Outcome, string Message);
