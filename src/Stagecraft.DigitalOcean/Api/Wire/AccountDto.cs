namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class AccountDto
{
    /// <summary>How many droplets the user or team may have at once.</summary>
    public int DropletLimit { get; init; }

    /// <summary><c>active</c>, <c>warning</c> or <c>locked</c>.</summary>
    public string Status { get; init; } = string.Empty;

    public string? StatusMessage { get; init; }
}
