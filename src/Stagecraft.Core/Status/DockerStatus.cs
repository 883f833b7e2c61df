namespace Stagecraft.Core.Status;

/// <summary>
/// The Docker server version the host's daemon reports, or null with <see cref="Problem"/> saying why there is none
/// (not installed, daemon not running, the command failed).
/// </summary>
public sealed record DockerStatus(string? ServerVersion, string? Problem)
{
    public bool Ok => ServerVersion is not null && Problem is null;
}
