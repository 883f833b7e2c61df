namespace Stagecraft.DoEmulator.Catalog;

/// <summary>An image as the API describes it. <see cref="Slug"/> is null for snapshots and custom images.</summary>
internal sealed record ImageSpec(long Id, string? Slug, string Name, string Distribution, string Type, int MinDiskSize, double SizeGigabytes);
