namespace Stagecraft.EndToEnd.Support;

/// <summary>One host of the environment in the generated stagecraft.yml; size and region default to the section's.</summary>
/// <param name="Options">More keys of the host's flow mapping, as YAML (e.g. <c>tags: [web], monitoring: true</c>).</param>
public sealed record ConfigHost(string Name, string Role, string? Size = null, string? Region = null, string? Options = null)
{
    /// <summary>The host's flow mapping: <c>{ role: app, size: …, region: …, options… }</c>.</summary>
    public string Yaml =>
        $"{{ role: {Role}{(Size is null ? string.Empty : $", size: {Size}")}{(Region is null ? string.Empty : $", region: {Region}")}{(Options is null ? string.Empty : $", {Options}")} }}";
}
