namespace Stagecraft.EndToEnd.Support;

/// <summary>The knobs of the generated stagecraft.yml that the scenarios vary.</summary>
public sealed record ConfigSettings
{
    public string SshUser { get; init; } = "root";

    public string ReadyTimeout { get; init; } = "1m";

    public string CreateTimeout { get; init; } = "2m";
}
