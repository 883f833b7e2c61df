namespace Stagecraft.DigitalOcean.Api.Wire;

/// <summary><c>meta</c>: <c>total</c> counts the items across all pages, not this page.</summary>
internal sealed class MetaDto
{
    public int? Total { get; init; }
}
