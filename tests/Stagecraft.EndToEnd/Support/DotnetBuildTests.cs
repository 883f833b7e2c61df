namespace Stagecraft.EndToEnd.Support;

/// <summary>
/// Tests that run <c>dotnet pack</c> or <c>dotnet publish</c> on the repository's projects: they share its obj/
/// folders (a restore for a runtime rewrites project.assets.json), so they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuildTests
{
    public const string Name = "dotnet pack and publish";
}
