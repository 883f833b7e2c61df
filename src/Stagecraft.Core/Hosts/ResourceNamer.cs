namespace Stagecraft.Core.Hosts;

/// <summary>Names and marker tags of managed resources: <c>&lt;env&gt;-&lt;host&gt;</c>, tags <c>stagecraft</c> and <c>stagecraft-env-&lt;env&gt;</c>.</summary>
public static class ResourceNamer
{
    public const string ManagedTag = "stagecraft";
    public const int MaxResourceNameLength = 63;

    public static string ResourceName(string environment, string hostName) => $"{environment}-{hostName}";

    public static string EnvironmentTag(string environment) => $"stagecraft-env-{environment}";

    /// <summary>The marker tags every managed resource carries, sorted.</summary>
    public static IReadOnlyList<string> MarkerTags(string environment) => [ManagedTag, EnvironmentTag(environment)];
}
