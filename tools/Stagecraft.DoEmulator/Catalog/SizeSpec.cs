namespace Stagecraft.DoEmulator.Catalog;

/// <summary>A droplet size. <see cref="Regions"/>: where it can be created (empty: every available region).</summary>
internal sealed record SizeSpec(string Slug, int MemoryMb, int Vcpus, int DiskGb, double TransferTb, double PriceMonthly, string Description)
{
    /// <summary>DigitalOcean bills 672 hours per month.</summary>
    public double PriceHourly => Math.Round(PriceMonthly / 672, 5);

    public IReadOnlyList<string> Regions { get; init; } = RegionCatalog.AvailableSlugs;

    public bool OfferedIn(string region) => Regions.Contains(region, StringComparer.Ordinal);
}
