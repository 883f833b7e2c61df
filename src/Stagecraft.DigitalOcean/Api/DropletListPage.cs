using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>One page of a droplet list.</summary>
/// <param name="Next">The next page as a path relative to the base URL (already rebased); null on the last page.</param>
/// <param name="Total"><c>meta.total</c> (all pages); null when the API did not say.</param>
internal sealed record DropletListPage(IReadOnlyList<DropletDto> Droplets, string? Next, int? Total);
