namespace Stagecraft.DoEmulator.Model;

/// <summary>Filters of <c>GET /v2/droplets</c> (at most one of tag/name is set) and the page wanted.</summary>
internal sealed record DropletListQuery(string? TagName, string? Name, bool GpusOnly, int Page, int PerPage);
