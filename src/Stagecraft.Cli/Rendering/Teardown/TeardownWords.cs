using Stagecraft.Core.Providers;
using Stagecraft.Core.Teardown;

namespace Stagecraft.Cli.Rendering.Teardown;

/// <summary>The report's words for outcomes and mesh leaves, shared by the text and JSON renderers.</summary>
internal static class TeardownWords
{
    public static string Outcome(TeardownOutcome outcome) => outcome switch
    {
        TeardownOutcome.WouldDelete => "would_delete",
        TeardownOutcome.Deleted => "deleted",
        TeardownOutcome.Failed => "failed",
        TeardownOutcome.Absent => "absent",
        TeardownOutcome.NotManaged => "not_managed",
        _ => "kept",
    };

    public static string Firewall(FirewallTeardownOutcome outcome) => outcome switch
    {
        FirewallTeardownOutcome.WouldDelete => "would_delete",
        FirewallTeardownOutcome.Deleted => "deleted",
        FirewallTeardownOutcome.Absent => "absent",
        _ => "kept",
    };

    public static string Leave(NetworkLeaveStatus status) => status switch
    {
        NetworkLeaveStatus.Left => "left",
        NetworkLeaveStatus.NotJoined => "not_joined",
        NetworkLeaveStatus.Unreachable => "unreachable",
        NetworkLeaveStatus.Failed => "failed",
        _ => "not_attempted",
    };
}
