using Stagecraft.Core.Providers;

namespace Stagecraft.Cli.Rendering;

/// <summary>The one place typed plan changes become words: <c>add tag X</c>, <c>power on</c>, <c>size: expected X, actual Y</c>.</summary>
internal static class PlanChangeText
{
    public static string Describe(PlanChange change) => change switch
    {
        AddTag add => $"add tag {add.Tag}",
        PowerOn => "power on",
        MoveToProject move => $"move to project {move.Project}",
        Drift drift => $"{drift.Field}: expected {drift.Expected}, actual {drift.Actual}",
        _ => change.GetType().Name,
    };
}
