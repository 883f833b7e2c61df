namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class ActionDto
{
    public long Id { get; init; }

    /// <summary><c>in-progress</c>, <c>completed</c> or <c>errored</c>.</summary>
    public string Status { get; init; } = string.Empty;

    public string? Type { get; init; }
}
