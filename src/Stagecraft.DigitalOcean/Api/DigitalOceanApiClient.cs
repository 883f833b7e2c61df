using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stagecraft.Core.Diagnostics;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Api;

/// <summary>The DigitalOcean operations the provider uses, over <see cref="ApiRequestExecutor"/>. Wire types only.</summary>
internal sealed class DigitalOceanApiClient
{
    private const int PerPage = 200;
    private readonly ApiRequestExecutor executor;
    private readonly DigitalOceanApiOptions options;

    public DigitalOceanApiClient(ApiRequestExecutor executor, DigitalOceanApiOptions options)
    {
        this.executor = executor;
        this.options = options;
    }

    /// <summary>The same client (one pipeline, one rate-limit pacing state) logging its requests to <paramref name="sink"/>.</summary>
    public DigitalOceanApiClient WithDiagnostics(IDiagnostics sink) => new(executor.WithDiagnostics(sink), options);

    /// <summary>The same client whose requests are polls: the rate-limit budget defers them before any other request.</summary>
    public DigitalOceanApiClient ForPolling() => new(executor.ForPolling(), options);

    /// <summary>Every request this client and its views sent, by class.</summary>
    public ApiRequestCounter Counter => executor.Counter;

    public Task<IReadOnlyList<DropletDto>> ListDropletsByTagAsync(string tag, CancellationToken cancellationToken) =>
        ListAllAsync(
            $"v2/droplets?tag_name={Uri.EscapeDataString(tag)}&per_page={PerPage}",
            DigitalOceanJsonContext.Default.DropletListResponse,
            r => r.Droplets,
            r => r.Links,
            cancellationToken);

    /// <summary>
    /// Exact, case-insensitive name match; never combined with <c>tag_name</c>. With <paramref name="gpus"/> it adds
    /// <c>type=gpus</c>: a plain list hides GPU droplets.
    /// </summary>
    public Task<IReadOnlyList<DropletDto>> ListDropletsByNameAsync(string name, bool gpus, CancellationToken cancellationToken) =>
        ListDropletsFromAsync(
            $"v2/droplets?name={Uri.EscapeDataString(name)}{(gpus ? "&type=gpus" : string.Empty)}&per_page={PerPage}",
            cancellationToken);

    /// <summary>
    /// The first page of every droplet on the account (<c>GET /v2/droplets?per_page=200</c>, no filter; with
    /// <paramref name="gpus"/>, <c>type=gpus</c>, since a plain list hides GPU droplets). The caller decides from
    /// <see cref="DropletListPage.Next"/> and <see cref="DropletListPage.Total"/> whether paging on is worth it.
    /// </summary>
    public async Task<DropletListPage> ListAllDropletsFirstPageAsync(bool gpus, CancellationToken cancellationToken)
    {
        var path = gpus ? $"v2/droplets?type=gpus&per_page={PerPage}" : $"v2/droplets?per_page={PerPage}";
        var response = await executor.SendAsync(HttpMethod.Get, path, null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        var page = Deserialize(response, DigitalOceanJsonContext.Default.DropletListResponse);
        var next = page.Links?.Pages?.Next;
        return new DropletListPage(page.Droplets ?? [], string.IsNullOrEmpty(next) ? null : Rebase(next), page.Meta?.Total);
    }

    /// <summary>Every droplet from <paramref name="pathAndQuery"/> on, following <c>links.pages.next</c> to the end.</summary>
    public Task<IReadOnlyList<DropletDto>> ListDropletsFromAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        ListAllAsync(
            pathAndQuery,
            DigitalOceanJsonContext.Default.DropletListResponse,
            r => r.Droplets,
            r => r.Links,
            cancellationToken);

    public Task<IReadOnlyList<SshKeyDto>> ListSshKeysAsync(CancellationToken cancellationToken) =>
        ListAllAsync(
            $"v2/account/keys?per_page={PerPage}",
            DigitalOceanJsonContext.Default.SshKeyListResponse,
            r => r.SshKeys,
            r => r.Links,
            cancellationToken);

    /// <summary><c>GET /v2/account</c>: the droplet limit and the account status.</summary>
    public async Task<AccountDto> GetAccountAsync(CancellationToken cancellationToken)
    {
        var response = await executor.SendAsync(HttpMethod.Get, "v2/account", null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        return Deserialize(response, DigitalOceanJsonContext.Default.AccountResponse).Account
            ?? throw Malformed("GET /v2/account", "no account in the response");
    }

    /// <summary>
    /// How many droplets the account has: <c>meta.total</c> of <c>GET /v2/droplets?per_page=1</c>. That list hides GPU
    /// droplets; whether they count toward <c>droplet_limit</c> is not documented.
    /// </summary>
    public async Task<int> CountDropletsAsync(CancellationToken cancellationToken)
    {
        var response = await executor.SendAsync(HttpMethod.Get, "v2/droplets?per_page=1", null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        var page = Deserialize(response, DigitalOceanJsonContext.Default.DropletListResponse);
        return page.Meta?.Total ?? page.Droplets?.Count ?? 0;
    }

    public Task<IReadOnlyList<SizeDto>> ListSizesAsync(CancellationToken cancellationToken) =>
        ListAllAsync($"v2/sizes?per_page={PerPage}", DigitalOceanJsonContext.Default.SizeListResponse, r => r.Sizes, r => r.Links, cancellationToken);

    public Task<IReadOnlyList<RegionDto>> ListRegionsAsync(CancellationToken cancellationToken) =>
        ListAllAsync($"v2/regions?per_page={PerPage}", DigitalOceanJsonContext.Default.RegionListResponse, r => r.Regions, r => r.Links, cancellationToken);

    /// <summary><c>GET /v2/images/{slug or id}</c>.</summary>
    /// <returns>The image, or null on 404 (no such public slug, or no such id on the account).</returns>
    public async Task<ImageDto?> GetImageAsync(string slugOrId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await executor.SendAsync(HttpMethod.Get, $"v2/images/{Uri.EscapeDataString(slugOrId)}", null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
            return Deserialize(response, DigitalOceanJsonContext.Default.ImageResponse).Image
                ?? throw Malformed("GET /v2/images/{image_id}", "no image in the response");
        }
        catch (DigitalOceanApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <returns>The droplet, or null on 404 (gone, or not visible yet right after create).</returns>
    public async Task<DropletDto?> GetDropletAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await executor.SendAsync(HttpMethod.Get, $"v2/droplets/{Id(id)}", null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
            return Deserialize(response, DigitalOceanJsonContext.Default.DropletResponse).Droplet;
        }
        catch (DigitalOceanApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Every VPC on the account (no name or region filter exists), following <c>links.pages.next</c>.</summary>
    public Task<IReadOnlyList<VpcDto>> ListVpcsAsync(CancellationToken cancellationToken) =>
        ListAllAsync(
            $"v2/vpcs?per_page={PerPage}",
            DigitalOceanJsonContext.Default.VpcListResponse,
            r => r.Vpcs,
            r => r.Links,
            cancellationToken);

    /// <summary>Every project on the account (find one by name by listing every page).</summary>
    public Task<IReadOnlyList<ProjectDto>> ListProjectsAsync(CancellationToken cancellationToken) =>
        ListAllAsync(
            $"v2/projects?per_page={PerPage}",
            DigitalOceanJsonContext.Default.ProjectListResponse,
            r => r.Projects,
            r => r.Links,
            cancellationToken);

    /// <summary>Every resource in the project, as URNs (<c>do:droplet:&lt;id&gt;</c>).</summary>
    public Task<IReadOnlyList<ProjectResourceDto>> ListProjectResourcesAsync(string projectId, CancellationToken cancellationToken) =>
        ListAllAsync(
            $"v2/projects/{Uri.EscapeDataString(projectId)}/resources?per_page={PerPage}",
            DigitalOceanJsonContext.Default.ProjectResourcesResponse,
            r => r.Resources,
            r => r.Links,
            cancellationToken);

    /// <summary>
    /// <c>POST /v2/projects/{id}/resources</c>: assigns the URNs (idempotent: an assigned one says <c>already_assigned</c>).
    /// A 200 can still carry per-item failures: the caller checks every item's status.
    /// </summary>
    public async Task<IReadOnlyList<ProjectResourceDto>> AssignResourcesAsync(string projectId, IReadOnlyList<string> urns, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new AssignResourcesRequest { Resources = urns }, DigitalOceanJsonContext.Default.AssignResourcesRequest);
        var response = await executor.SendAsync(HttpMethod.Post, $"v2/projects/{Uri.EscapeDataString(projectId)}/resources", body, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        return Deserialize(response, DigitalOceanJsonContext.Default.ProjectResourcesResponse).Resources ?? [];
    }

    /// <summary>Every firewall on the account (the list has no name filter), following <c>links.pages.next</c>.</summary>
    public Task<IReadOnlyList<FirewallDto>> ListFirewallsAsync(CancellationToken cancellationToken) =>
        ListAllAsync(
            $"v2/firewalls?per_page={PerPage}",
            DigitalOceanJsonContext.Default.FirewallListResponse,
            r => r.Firewalls,
            r => r.Links,
            cancellationToken);

    /// <summary>
    /// <c>POST /v2/firewalls</c>. Retried only when refused (429): a lost answer could mean it exists, and the caller
    /// lists again before trying anew.
    /// </summary>
    public async Task<FirewallDto> CreateFirewallAsync(FirewallDto firewall, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(firewall, DigitalOceanJsonContext.Default.FirewallDto);
        var response = await executor.SendAsync(HttpMethod.Post, "v2/firewalls", body, RetryMode.OnlyWhenRejected, cancellationToken).ConfigureAwait(false);
        return Deserialize(response, DigitalOceanJsonContext.Default.FirewallResponse).Firewall
            ?? throw Malformed("POST /v2/firewalls", "no firewall in the response");
    }

    /// <summary><c>PUT /v2/firewalls/{id}</c>: replaces the whole firewall (name, rules, droplet ids, tags); idempotent.</summary>
    public async Task<FirewallDto> ReplaceFirewallAsync(string id, FirewallDto firewall, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(firewall, DigitalOceanJsonContext.Default.FirewallDto);
        var response = await executor.SendAsync(HttpMethod.Put, $"v2/firewalls/{Uri.EscapeDataString(id)}", body, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        return Deserialize(response, DigitalOceanJsonContext.Default.FirewallResponse).Firewall
            ?? throw Malformed("PUT /v2/firewalls/{id}", "no firewall in the response");
    }

    /// <summary><c>DELETE /v2/firewalls/{id}</c>; a 404 (already gone) counts as deleted.</summary>
    public async Task DeleteFirewallAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await executor.SendAsync(HttpMethod.Delete, $"v2/firewalls/{Uri.EscapeDataString(id)}", null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex) when (ex.StatusCode == 404)
        {
            // Already gone.
        }
    }

    /// <summary><c>POST /v2/tags</c>: the tag a firewall is attached by must exist first. An existing tag is fine.</summary>
    public async Task CreateTagAsync(string tag, CancellationToken cancellationToken)
    {
        var create = JsonSerializer.SerializeToUtf8Bytes(new CreateTagRequest { Name = tag }, DigitalOceanJsonContext.Default.CreateTagRequest);
        await executor.SendAsync(HttpMethod.Post, "v2/tags", create, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>DELETE /v2/droplets/{id}</c>: one droplet, by id (never by tag). Deleting is idempotent, so it is retried like
    /// a read. Returns false on 404: already gone, which counts as deleted.
    /// </summary>
    public async Task<bool> DeleteDropletAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await executor.SendAsync(HttpMethod.Delete, $"v2/droplets/{Id(id)}", null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DigitalOceanApiException ex) when (ex.StatusCode == 404)
        {
            return false;
        }
    }

    /// <summary>One <c>POST /v2/droplets</c> with the <c>names</c> form. Retried only on 429.</summary>
    /// <exception cref="DigitalOceanApiException"><see cref="DigitalOceanApiException.IsAmbiguous"/> when droplets may exist anyway.</exception>
    public async Task<IReadOnlyList<DropletDto>> CreateDropletsAsync(CreateDropletsRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, DigitalOceanJsonContext.Default.CreateDropletsRequest);
        var response = await executor.SendAsync(HttpMethod.Post, "v2/droplets", body, RetryMode.OnlyWhenRejected, cancellationToken).ConfigureAwait(false);
        var created = Deserialize(response, DigitalOceanJsonContext.Default.CreateDropletsResponse);
        return created.Droplets ?? (created.Droplet is null ? [] : [created.Droplet]);
    }

    /// <summary>Tags droplets; creates the tag first when the API says it does not exist.</summary>
    public async Task TagDropletsAsync(string tag, IReadOnlyList<long> dropletIds, CancellationToken cancellationToken)
    {
        var request = new TagResourcesRequest
        {
            Resources = [.. dropletIds.Select(id => new TagResourceDto { ResourceId = Id(id), ResourceType = "droplet" })],
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(request, DigitalOceanJsonContext.Default.TagResourcesRequest);
        var path = $"v2/tags/{Uri.EscapeDataString(tag)}/resources";
        try
        {
            await executor.SendAsync(HttpMethod.Post, path, body, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (DigitalOceanApiException ex) when (ex.StatusCode == 404)
        {
            var create = JsonSerializer.SerializeToUtf8Bytes(new CreateTagRequest { Name = tag }, DigitalOceanJsonContext.Default.CreateTagRequest);
            await executor.SendAsync(HttpMethod.Post, "v2/tags", create, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
            await executor.SendAsync(HttpMethod.Post, path, body, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>power_on</c>. Repeating it is harmless (a droplet already on answers 422), so it is retried like a read;
    /// the caller resolves a 422 by looking at the droplet.
    /// </summary>
    public async Task<ActionDto> PowerOnAsync(long dropletId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new DropletActionRequest { Type = "power_on" }, DigitalOceanJsonContext.Default.DropletActionRequest);
        var response = await executor.SendAsync(HttpMethod.Post, $"v2/droplets/{Id(dropletId)}/actions", body, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        return Deserialize(response, DigitalOceanJsonContext.Default.ActionResponse).Action
            ?? throw Malformed("POST /v2/droplets/{id}/actions", "no action in the response");
    }

    public async Task<ActionDto> GetActionAsync(long actionId, CancellationToken cancellationToken)
    {
        var response = await executor.SendAsync(HttpMethod.Get, $"v2/actions/{Id(actionId)}", null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        return Deserialize(response, DigitalOceanJsonContext.Default.ActionResponse).Action
            ?? throw Malformed("GET /v2/actions/{id}", "no action in the response");
    }

    private async Task<IReadOnlyList<TItem>> ListAllAsync<TPage, TItem>(
        string firstPage,
        JsonTypeInfo<TPage> typeInfo,
        Func<TPage, IReadOnlyList<TItem>?> items,
        Func<TPage, LinksDto?> links,
        CancellationToken cancellationToken)
    {
        var all = new List<TItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = firstPage;
        while (next is not null)
        {
            if (!seen.Add(next) || seen.Count > options.MaxPages)
            {
                throw Malformed($"GET /{firstPage.Split('?')[0]}", "pagination does not end (links.pages.next repeats)");
            }

            var response = await executor.SendAsync(HttpMethod.Get, next, null, RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
            var page = Deserialize(response, typeInfo);
            all.AddRange(items(page) ?? []);
            var nextLink = links(page)?.Pages?.Next;
            next = string.IsNullOrEmpty(nextLink) ? null : Rebase(nextLink);
        }

        return all;
    }

    /// <summary>Turns an absolute <c>next</c> link into a path relative to the configured base URL, so paging never leaves it.</summary>
    internal string Rebase(string link)
    {
        var uri = new Uri(link, UriKind.RelativeOrAbsolute);
        var pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : link;
        var basePath = executor.BaseUri.AbsolutePath;
        return pathAndQuery.StartsWith(basePath, StringComparison.Ordinal)
            ? pathAndQuery[basePath.Length..]
            : pathAndQuery.TrimStart('/');
    }

    private static T Deserialize<T>(ApiResponse response, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, typeInfo) ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            throw new DigitalOceanApiException(
                $"digitalocean provider: unexpected response body (request id {response.RequestId ?? "none"}): {ex.Message}",
                response.StatusCode,
                null,
                response.RequestId,
                false,
                ex);
        }
    }

    private static DigitalOceanApiException Malformed(string endpoint, string problem) =>
        new($"digitalocean provider: {endpoint}: {problem}", null, null, null, false);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
