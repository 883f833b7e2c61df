namespace Stagecraft.DoEmulator.Model;

/// <summary>What the optional state file holds.</summary>
internal sealed class PersistedState
{
    public long NextDropletId { get; set; }

    public long NextActionId { get; set; }

    public int PublicIpsHandedOut { get; set; }

    public int PrivateIpsHandedOut { get; set; }

    public List<DropletRecord> Droplets { get; set; } = [];

    public List<ActionRecord> Actions { get; set; } = [];

    public List<string> Tags { get; set; } = [];
}
