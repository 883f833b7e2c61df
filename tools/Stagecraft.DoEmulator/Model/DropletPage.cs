namespace Stagecraft.DoEmulator.Model;

/// <summary>One page of a filtered droplet list; <see cref="Total"/> counts all pages.</summary>
internal sealed record DropletPage(IReadOnlyList<DropletRecord> Droplets, int Total);
