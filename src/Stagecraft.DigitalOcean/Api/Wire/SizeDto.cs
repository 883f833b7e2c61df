namespace Stagecraft.DigitalOcean.Api.Wire;

internal sealed class SizeDto
{
    public string Slug { get; init; } = string.Empty;

    /// <summary>Whether new droplets can be created with this size (the spec's default is true).</summary>
    public bool Available { get; init; } = true;

    /// <summary>The regions where this size can be created.</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Disk in GB.</summary>
    public int Disk { get; init; }
}
