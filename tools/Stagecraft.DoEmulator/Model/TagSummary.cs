namespace Stagecraft.DoEmulator.Model;

/// <summary>A tag and the droplets carrying it, for the tag response.</summary>
internal sealed record TagSummary(string Name, int DropletCount, long? LastTaggedDropletId);
