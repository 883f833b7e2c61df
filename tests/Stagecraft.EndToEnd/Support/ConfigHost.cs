namespace Stagecraft.EndToEnd.Support;

/// <summary>One host of the environment in the generated stagecraft.yml.</summary>
public sealed record ConfigHost(string Name, string Role);
