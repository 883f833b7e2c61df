namespace Stagecraft.DoEmulator.Catalog;

internal sealed record SizeSpec(string Slug, int MemoryMb, int Vcpus, int DiskGb, double TransferTb, double PriceMonthly, string Description)
{
    /// <summary>DigitalOcean bills 672 hours per month.</summary>
    public double PriceHourly => Math.Round(PriceMonthly / 672, 5);
}
