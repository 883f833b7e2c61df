using System.Collections.Concurrent;
using System.Globalization;
using Stagecraft.Core.Diagnostics;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// Finds the droplets of declared names that the environment tag list did not show (created by hand, tagging
/// interrupted; on a first run, every host), with as few requests as the account allows:
/// <list type="bullet">
/// <item>one name: one exact-name lookup;</item>
/// <item>several names: page 1 of the whole droplet list (<c>per_page=200</c>, no filter). When there is no next
/// page, or the pages left (from <c>meta.total</c>) are not more than the names looked for, the whole list is paged
/// and names are matched from it; otherwise every name is looked up exactly, a few at a time. A droplet found on
/// page 1 may have a namesake on a later page, so the fallback looks up every name, not only those page 1 missed.</item>
/// </list>
/// GPU droplets (trap 8: a plain list hides them): when a declared host has a <c>gpu-</c> size, the full listing also
/// pages <c>type=gpus</c> and the name lookup of such a host is repeated with <c>type=gpus</c>. Droplets from the GPU
/// list are matched only to GPU hosts in both paths, so the plan for a given account state is the same whichever path
/// is taken. Matching is exact and case-insensitive, as the API's <c>name</c> filter; every match is returned so the
/// caller can refuse two droplets with one name.
/// </summary>
internal sealed class UntaggedDropletFinder
{
    /// <summary>Name lookups in flight at once; well inside the 250 requests/minute burst limit.</summary>
    internal const int NameLookupParallelism = 8;

    /// <summary>GPU size slugs start with this (e.g. <c>gpu-h100x1-80gb</c>).</summary>
    internal const string GpuSizePrefix = "gpu-";

    private readonly DigitalOceanApiClient api;
    private readonly IDiagnostics diagnostics;

    public UntaggedDropletFinder(DigitalOceanApiClient api, IDiagnostics diagnostics)
    {
        this.api = api;
        this.diagnostics = diagnostics;
    }

    /// <param name="names">Resource names to find, sorted ordinally.</param>
    /// <param name="gpuNames">Those of <paramref name="names"/> whose declared size is a GPU size.</param>
    /// <returns>For every name, the droplets with exactly that name (case-insensitive), sorted by id.</returns>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DropletDto>>> FindAsync(
        IReadOnlyList<string> names,
        IReadOnlySet<string> gpuNames,
        CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<DropletDto>>(StringComparer.OrdinalIgnoreCase);
        }

        if (names.Count == 1)
        {
            return await LookUpByNameAsync(names, gpuNames, cancellationToken).ConfigureAwait(false);
        }

        var first = await api.ListAllDropletsFirstPageAsync(gpus: false, cancellationToken).ConfigureAwait(false);
        if (PagesLeft(first) is not { } pagesLeft || pagesLeft > names.Count)
        {
            Log($"digitalocean: {Count(names.Count)} hosts not found by tag; the account lists {Describe(first, PagesLeft(first))}, so looking them up by name");
            return await LookUpByNameAsync(names, gpuNames, cancellationToken).ConfigureAwait(false);
        }

        Log($"digitalocean: {Count(names.Count)} hosts not found by tag; matching them against the whole droplet list ({Pages(pagesLeft + 1)})");
        var plain = first.Next is null
            ? first.Droplets
            : [.. first.Droplets, .. await api.ListDropletsFromAsync(first.Next, cancellationToken).ConfigureAwait(false)];
        IReadOnlyList<DropletDto> gpus = [];
        if (gpuNames.Count > 0)
        {
            var gpuFirst = await api.ListAllDropletsFirstPageAsync(gpus: true, cancellationToken).ConfigureAwait(false);
            gpus = gpuFirst.Next is null
                ? gpuFirst.Droplets
                : [.. gpuFirst.Droplets, .. await api.ListDropletsFromAsync(gpuFirst.Next, cancellationToken).ConfigureAwait(false)];
        }

        return names.ToDictionary(
            n => n,
            n => Matches(n, gpuNames.Contains(n) ? plain.Concat(gpus) : plain),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Pages after page 1; null when there is a next page but no usable <c>meta.total</c> (then paging could be long).</summary>
    internal static int? PagesLeft(DropletListPage first)
    {
        if (first.Next is null)
        {
            return 0;
        }

        var pageSize = first.Droplets.Count;
        if (first.Total is not { } total || pageSize == 0)
        {
            return null;
        }

        var left = Math.Max(0, total - pageSize);
        return (left + pageSize - 1) / pageSize;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<DropletDto>>> LookUpByNameAsync(
        IReadOnlyList<string> names,
        IReadOnlySet<string> gpuNames,
        CancellationToken cancellationToken)
    {
        // Every lookup stores its own result, so the outcome is the same whatever the completion order.
        var lookups = names.Select(n => (Name: n, Gpus: false))
            .Concat(names.Where(gpuNames.Contains).Select(n => (Name: n, Gpus: true)))
            .ToList();
        var found = new ConcurrentDictionary<(string Name, bool Gpus), IReadOnlyList<DropletDto>>();
        await Parallel.ForEachAsync(
            lookups,
            new ParallelOptions { MaxDegreeOfParallelism = NameLookupParallelism, CancellationToken = cancellationToken },
            async (lookup, ct) =>
            {
                found[lookup] = await api.ListDropletsByNameAsync(lookup.Name, lookup.Gpus, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

        return names.ToDictionary(
            n => n,
            n => Matches(n, found[(n, false)].Concat(found.GetValueOrDefault((n, true)) ?? [])),
            StringComparer.OrdinalIgnoreCase);
    }

    private static IReadOnlyList<DropletDto> Matches(string name, IEnumerable<DropletDto> droplets) =>
        [.. droplets.Where(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)).DistinctBy(d => d.Id).OrderBy(d => d.Id)];

    private static string Describe(DropletListPage first, int? pagesLeft) =>
        first.Total is { } total && pagesLeft is { } left
            ? $"{Count(total)} droplets over {Pages(left + 1)}"
            : "more than one page without a total";

    private static string Pages(int count) => count == 1 ? "1 page" : $"{Count(count)} pages";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Log(string message)
    {
        if (diagnostics.IsEnabled)
        {
            diagnostics.Verbose(message);
        }
    }
}
