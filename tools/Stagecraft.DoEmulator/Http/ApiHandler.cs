using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Stagecraft.DoEmulator.Catalog;
using Stagecraft.DoEmulator.Model;

namespace Stagecraft.DoEmulator.Http;

/// <summary>
/// Serves every request: bearer check, rate limits, injected faults, routing, then the response with the
/// rate-limit and request-id headers that every DigitalOcean response carries.
/// </summary>
internal sealed class ApiHandler(EmulatorOptions options, EmulatorFaults faults, CloudState state, RequestLog log)
{
    private const string PayloadInvalid = "request payload validation failed";

    /// <summary>Like the real API, URLs keep a literal <c>&amp;</c> instead of <c>\u0026</c>.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly RateLimiter _rateLimiter = new(options.TimeProvider, options.BurstLimitPerMinute, options.HourlyLimit);
    private readonly FaultInjector _faults = new(options, faults);
    private long _requestCounter;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var arrived = options.TimeProvider.GetUtcNow();
        var requestId = string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{Interlocked.Increment(ref _requestCounter):x12}");
        var scope = new RequestScope($"{request.Scheme}://{request.Host}");
        var limits = _rateLimiter.Uncounted();
        ApiResponse response;
        EndpointFault? endpointFault = null;
        try
        {
            var token = Authorized(BearerToken(request))
                ?? throw new ApiException(HttpStatusCode.Unauthorized, "unauthorized", "Unable to authenticate you.");
            limits = _rateLimiter.Admit(token, HttpMethods.IsGet(request.Method) && request.Path.Value?.TrimEnd('/') == "/v2/account/keys");
            if (!limits.Allowed)
            {
                throw TooManyRequests();
            }

            switch (_faults.Next())
            {
                case InjectedFault.TooManyRequests:
                    limits = limits.AsRefused(1);
                    throw TooManyRequests();
                case InjectedFault.ServerError:
                    throw ServerError();
                default:
                    endpointFault = faults.TakeEndpointFault(request.Method, request.Path.Value ?? "/");
                    response = endpointFault is { AfterEffect: false, Kind: not EndpointFaultKind.Delay }
                        ? new ApiResponse(0, null)
                        : await RouteAsync(context, scope).ConfigureAwait(false);
                    break;
            }
        }
        catch (ApiException e)
        {
            response = new ApiResponse((int)e.Status, WireJson.Error(e.Id, e.Message, requestId));
        }

        if (endpointFault is { Kind: EndpointFaultKind.Delay })
        {
            try
            {
                await Task.Delay(endpointFault.Delay, options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up waiting: the request happened, nobody reads the answer.
                log.Add(new EmulatorRequest(request.Method, $"{request.Path}{request.QueryString}", 0), arrived);
                return;
            }
        }
        else if (endpointFault is not null)
        {
            await ServeEndpointFaultAsync(context, endpointFault, limits, requestId, arrived).ConfigureAwait(false);
            return;
        }

        if (options.ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.ResponseDelay, options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
        }

        log.Add(new EmulatorRequest(request.Method, $"{request.Path}{request.QueryString}", response.Status), arrived);
        await WriteAsync(context.Response, response, limits, requestId).ConfigureAwait(false);
    }

    private async Task ServeEndpointFaultAsync(HttpContext context, EndpointFault fault, RateLimitVerdict limits, string requestId, DateTimeOffset arrived)
    {
        var request = context.Request;
        switch (fault.Kind)
        {
            case EndpointFaultKind.AbortConnection:
                log.Add(new EmulatorRequest(request.Method, $"{request.Path}{request.QueryString}", 0), arrived);
                context.Abort();
                return;
            case EndpointFaultKind.HtmlBadGateway:
                log.Add(new EmulatorRequest(request.Method, $"{request.Path}{request.QueryString}", 502), arrived);
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                context.Response.Headers["x-request-id"] = requestId;
                await context.Response.WriteAsync(BadGatewayPage, context.RequestAborted).ConfigureAwait(false);
                return;
            default:
                var error = new ApiResponse(500, WireJson.Error("server_error", "Unexpected server-side error", requestId));
                log.Add(new EmulatorRequest(request.Method, $"{request.Path}{request.QueryString}", error.Status), arrived);
                await WriteAsync(context.Response, error, limits, requestId).ConfigureAwait(false);
                return;
        }
    }

    private const string BadGatewayPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";

    private static ApiException TooManyRequests() =>
        new((HttpStatusCode)429, "too_many_requests", "API rate limit exceeded.");

    private static ApiException ServerError() =>
        new(HttpStatusCode.InternalServerError, "server_error", "Unexpected server-side error");

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }

    private string? Authorized(string? token) =>
        token is not null && options.Tokens.Contains(token, StringComparer.Ordinal) ? token : null;

    private async Task<ApiResponse> RouteAsync(HttpContext context, RequestScope scope)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        var method = request.Method;
        if (segments.Length < 2 || segments[0] != "v2")
        {
            throw ApiException.NotFound();
        }

        return (segments[1..], method) switch
        {
            (["account"], "GET") => new ApiResponse(200, new JsonObject
            {
                ["account"] = WireJson.Account(faults.ReportedDropletLimit ?? EmulatorOptions.UnlimitedDropletLimit, options.AccountStatus, options.AccountStatusMessage),
            }),
            (["regions"], "GET") => ListPage(request, scope, "regions", [.. RegionCatalog.Slugs.Select(r => (JsonNode)WireJson.Region(r))]),
            (["sizes"], "GET") => ListPage(request, scope, "sizes", [.. SizeCatalog.Listed.Select(s => (JsonNode)WireJson.Size(s))]),
            (["images", var image], "GET") => GetImage(image),
            (["account", "keys"], "GET") => ListSshKeys(request, scope),
            (["account", "keys", var key], "GET") => GetSshKey(key),
            (["droplets"], "GET") => ListDroplets(request, scope),
            (["droplets"], "POST") => CreateDroplets(await ReadBodyAsync(context).ConfigureAwait(false), scope),
            (["droplets"], "DELETE") => DeleteDropletsByTag(request),
            (["droplets", var id], "GET") => new ApiResponse(200, new JsonObject { ["droplet"] = WireJson.Droplet(state.GetDroplet(ParseId(id))) }),
            (["droplets", var id], "DELETE") => DeleteDroplet(ParseId(id)),
            (["droplets", var id, "actions"], "GET") => ListDropletActions(ParseId(id)),
            (["droplets", var id, "actions"], "POST") => StartAction(ParseId(id), await ReadBodyAsync(context).ConfigureAwait(false)),
            (["droplets", var id, "actions", var actionId], "GET") => ActionResponse(state.GetAction(ParseId(actionId), ParseId(id))),
            (["actions", var actionId], "GET") => ActionResponse(state.GetAction(ParseId(actionId))),
            (["projects"], "GET") => ListProjects(request, scope),
            (["projects", "default"], "GET") => new ApiResponse(200, new JsonObject { ["project"] = WireJson.Project(state.Projects()[0], isDefault: true) }),
            (["projects", var projectId, "resources"], "GET") => ListProjectResources(projectId, request, scope),
            (["projects", var projectId, "resources"], "POST") => AssignResources(projectId, await ReadBodyAsync(context).ConfigureAwait(false), scope),
            (["vpcs"], "GET") => ListVpcs(request, scope),
            (["vpcs", var vpcId], "GET") => new ApiResponse(200, new JsonObject
            {
                ["vpc"] = WireJson.Vpc(state.AllVpcs().FirstOrDefault(v => string.Equals(v.Id, vpcId, StringComparison.OrdinalIgnoreCase)) ?? throw ApiException.NotFound(), DefaultVpc(vpcId)),
            }),
            (["firewalls"], "GET") => ListFirewalls(request, scope),
            (["firewalls"], "POST") => new ApiResponse(202, new JsonObject { ["firewall"] = state.CreateFirewall(BodyObject(await ReadBodyAsync(context).ConfigureAwait(false))) }),
            (["firewalls", var firewallId], "GET") => new ApiResponse(200, new JsonObject { ["firewall"] = state.GetFirewall(firewallId) }),
            (["firewalls", var firewallId], "PUT") => new ApiResponse(200, new JsonObject { ["firewall"] = state.ReplaceFirewall(firewallId, BodyObject(await ReadBodyAsync(context).ConfigureAwait(false))) }),
            (["firewalls", var firewallId], "DELETE") => DeleteFirewall(firewallId),
            (["tags"], "POST") => CreateTag(await ReadBodyAsync(context).ConfigureAwait(false), scope),
            (["tags", var tag, "resources"], "POST") => TagResources(tag, await ReadBodyAsync(context).ConfigureAwait(false)),
            _ => throw ApiException.NotFound(),
        };
    }

    private ApiResponse ListProjects(HttpRequest request, RequestScope scope)
    {
        var (page, perPage) = ParsePaging(request);
        var all = state.Projects();
        return new ApiResponse(200, new JsonObject
        {
            ["projects"] = new JsonArray([.. all.Select((p, i) => (JsonNode)WireJson.Project(p, isDefault: i == 0)).Skip((page - 1) * perPage).Take(perPage)]),
            ["links"] = WireJson.PageLinks(scope.BaseUrl, "/v2/projects", page, perPage, all.Count, []),
            ["meta"] = WireJson.Meta(all.Count),
        });
    }

    private ApiResponse ListProjectResources(string projectId, HttpRequest request, RequestScope scope)
    {
        var (page, perPage) = ParsePaging(request);
        var all = state.ProjectResources(projectId);
        return new ApiResponse(200, new JsonObject
        {
            ["resources"] = new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage).Select(r => (JsonNode)WireJson.ProjectResource(scope.BaseUrl, r.DropletId, r.AssignedAt, "ok"))]),
            ["links"] = WireJson.PageLinks(scope.BaseUrl, $"/v2/projects/{projectId}/resources", page, perPage, all.Count, []),
            ["meta"] = WireJson.Meta(all.Count),
        });
    }

    /// <summary>Answers 200 with every resource now in the project; the URNs sent carry their own status.</summary>
    private ApiResponse AssignResources(string projectId, JsonElement body, RequestScope scope)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("resources", out var list) || list.ValueKind != JsonValueKind.Array
            || list.EnumerateArray().Any(u => u.ValueKind != JsonValueKind.String))
        {
            throw ApiException.BadRequest("resources must be a list of URNs");
        }

        var statuses = state.AssignToProject(projectId, [.. list.EnumerateArray().Select(u => u.GetString()!)]);
        var now = state.ProjectResources(projectId);
        var items = now.Select(r =>
        {
            var urn = string.Create(CultureInfo.InvariantCulture, $"do:droplet:{r.DropletId}");
            return (JsonNode)WireJson.ProjectResource(scope.BaseUrl, r.DropletId, r.AssignedAt, statuses.GetValueOrDefault(urn, "ok"));
        }).ToList();
        items.AddRange(statuses.Where(s => s.Value == "not_found").Select(s => (JsonNode)new JsonObject { ["urn"] = s.Key, ["status"] = "not_found" }));
        return new ApiResponse(200, new JsonObject { ["resources"] = new JsonArray([.. items]) });
    }

    private ApiResponse ListVpcs(HttpRequest request, RequestScope scope)
    {
        var (page, perPage) = ParsePaging(request);
        var all = state.AllVpcs();
        return new ApiResponse(200, new JsonObject
        {
            ["vpcs"] = new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage).Select(v => (JsonNode)WireJson.Vpc(v, DefaultVpc(v.Id)))]),
            ["links"] = WireJson.PageLinks(scope.BaseUrl, "/v2/vpcs", page, perPage, all.Count, []),
            ["meta"] = WireJson.Meta(all.Count),
        });
    }

    private bool DefaultVpc(string id) => !options.Vpcs.Any(v => string.Equals(v.Id, id, StringComparison.OrdinalIgnoreCase));

    private ApiResponse ListFirewalls(HttpRequest request, RequestScope scope)
    {
        var (page, perPage) = ParsePaging(request);
        var all = state.Firewalls();
        return new ApiResponse(200, new JsonObject
        {
            ["firewalls"] = new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage)]),
            ["links"] = WireJson.PageLinks(scope.BaseUrl, "/v2/firewalls", page, perPage, all.Count, []),
            ["meta"] = WireJson.Meta(all.Count),
        });
    }

    private ApiResponse DeleteFirewall(string id)
    {
        state.DeleteFirewall(id);
        return new ApiResponse(204, null);
    }

    private static JsonObject BodyObject(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(body.GetRawText())!.AsObject()
            : throw ApiException.BadRequest("the body must be a JSON object");

    private ApiResponse ListSshKeys(HttpRequest request, RequestScope scope)
    {
        var (page, perPage) = ParsePaging(request);
        var keys = options.SshKeys.Skip((page - 1) * perPage).Take(perPage).Select(k => (JsonNode)WireJson.SshKey(k));
        return new ApiResponse(200, new JsonObject
        {
            ["ssh_keys"] = new JsonArray([.. keys]),
            ["links"] = WireJson.PageLinks(scope.BaseUrl, "/v2/account/keys", page, perPage, options.SshKeys.Count, []),
            ["meta"] = WireJson.Meta(options.SshKeys.Count),
        });
    }

    /// <summary>One page of a catalog list (<c>regions</c>, <c>sizes</c>), paginated like every list.</summary>
    private ApiResponse ListPage(HttpRequest request, RequestScope scope, string key, IReadOnlyList<JsonNode> items)
    {
        var (page, perPage) = ParsePaging(request);
        return new ApiResponse(200, new JsonObject
        {
            [key] = new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage)]),
            ["links"] = WireJson.PageLinks(scope.BaseUrl, $"/v2/{key}", page, perPage, items.Count, []),
            ["meta"] = WireJson.Meta(items.Count),
        });
    }

    /// <summary>A public image by slug or id; a private one (a positive id not in the catalog: a snapshot) only by id.</summary>
    private static ApiResponse GetImage(string identifier)
    {
        var image = long.TryParse(identifier, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? ImageCatalog.FindById(id)
            : ImageCatalog.FindBySlug(identifier);
        return image is null
            ? throw ApiException.NotFound()
            : new ApiResponse(200, new JsonObject { ["image"] = WireJson.Image(image) });
    }

    private ApiResponse GetSshKey(string identifier)
    {
        var key = options.SshKeys.FirstOrDefault(k =>
                string.Equals(k.Fingerprint, identifier, StringComparison.OrdinalIgnoreCase)
                || string.Equals(k.Id.ToString(CultureInfo.InvariantCulture), identifier, StringComparison.Ordinal))
            ?? throw ApiException.NotFound();
        return new ApiResponse(200, new JsonObject { ["ssh_key"] = WireJson.SshKey(key) });
    }

    private ApiResponse ListDroplets(HttpRequest request, RequestScope scope)
    {
        var tagName = QueryValue(request, "tag_name");
        var name = QueryValue(request, "name");
        var type = QueryValue(request, "type");
        if (tagName is not null && (name is not null || type is not null))
        {
            throw ApiException.BadRequest("tag_name cannot be combined with name or type");
        }

        if (type is not (null or "droplets" or "gpus"))
        {
            throw ApiException.BadRequest("type must be one of: droplets, gpus");
        }

        var (page, perPage) = ParsePaging(request);
        var result = state.ListDroplets(new DropletListQuery(tagName, name, type == "gpus", page, perPage));
        var filters = new List<KeyValuePair<string, string>>();
        AddFilter(filters, "tag_name", tagName);
        AddFilter(filters, "name", name);
        AddFilter(filters, "type", type);
        return new ApiResponse(200, new JsonObject
        {
            ["droplets"] = new JsonArray([.. result.Droplets.Select(d => (JsonNode)WireJson.Droplet(d))]),
            ["links"] = WireJson.PageLinks(scope.BaseUrl, "/v2/droplets", page, perPage, result.Total, filters),
            ["meta"] = WireJson.Meta(result.Total),
        });
    }

    private ApiResponse CreateDroplets(JsonElement body, RequestScope scope)
    {
        var command = CreateDropletsParser.Parse(body);
        var (droplets, actions) = state.CreateDroplets(command);
        if (faults.ShouldLoseCreateResponse(command.Names))
        {
            throw ServerError();
        }

        var links = new JsonObject { ["actions"] = new JsonArray([.. actions.Select(a => (JsonNode)WireJson.ActionLink(a, scope.BaseUrl))]) };
        var payload = command.MultiForm
            ? new JsonObject { ["droplets"] = new JsonArray([.. droplets.Select(d => (JsonNode)WireJson.Droplet(d))]), ["links"] = links }
            : new JsonObject { ["droplet"] = WireJson.Droplet(droplets[0]), ["links"] = links };
        return new ApiResponse(202, payload);
    }

    private ApiResponse DeleteDropletsByTag(HttpRequest request)
    {
        var tag = QueryValue(request, "tag_name") ?? throw ApiException.BadRequest("tag_name is required");
        state.DeleteDropletsByTag(tag);
        return new ApiResponse(204, null);
    }

    private ApiResponse DeleteDroplet(long id)
    {
        state.DeleteDroplet(id);
        return new ApiResponse(204, null);
    }

    private ApiResponse ListDropletActions(long dropletId)
    {
        var actions = state.DropletActions(dropletId);
        return new ApiResponse(200, new JsonObject
        {
            ["actions"] = new JsonArray([.. actions.Select(a => (JsonNode)WireJson.Action(a))]),
            ["links"] = new JsonObject(),
            ["meta"] = WireJson.Meta(actions.Count),
        });
    }

    private ApiResponse StartAction(long dropletId, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String)
        {
            throw ApiException.Unprocessable(PayloadInvalid);
        }

        var argumentName = type.GetString() switch
        {
            "resize" => "size",
            "rename" => "name",
            _ => null,
        };
        string? argument = null;
        if (argumentName is not null && body.TryGetProperty(argumentName, out var value))
        {
            argument = value.ValueKind == JsonValueKind.String ? value.GetString() : throw ApiException.Unprocessable(PayloadInvalid);
        }

        var action = state.StartAction(dropletId, type.GetString()!, argument);
        return new ApiResponse(201, new JsonObject { ["action"] = WireJson.Action(action) });
    }

    private static ApiResponse ActionResponse(ActionRecord action) =>
        new(200, new JsonObject { ["action"] = WireJson.Action(action) });

    private ApiResponse CreateTag(JsonElement body, RequestScope scope)
    {
        var name = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : null;
        if (name is null || !CloudState.IsValidTagName(name))
        {
            var error = $"Error validating resource tag: \"tag-name \\\"{name}\\\" contains invalid characters\"";
            return new ApiResponse(400, WireJson.ErrorWithRootCauses(error));
        }

        return new ApiResponse(201, new JsonObject { ["tag"] = WireJson.Tag(state.CreateTag(name), scope.BaseUrl) });
    }

    private ApiResponse TagResources(string tag, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("resources", out var resources)
            || resources.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("resources is required");
        }

        var parsed = new List<(string Id, string Type)>();
        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.ValueKind != JsonValueKind.Object
                || !resource.TryGetProperty("resource_id", out var id)
                || id.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest("resource_id must be a string");
            }

            if (!resource.TryGetProperty("resource_type", out var type)
                || type.GetString() is not ("droplet" or "image" or "volume" or "volume_snapshot"))
            {
                throw ApiException.BadRequest("resource_type must be one of: droplet, image, volume, volume_snapshot");
            }

            parsed.Add((id.GetString()!, type.GetString()!));
        }

        state.TagResources(tag, parsed);
        return new ApiResponse(204, null);
    }

    private (int Page, int PerPage) ParsePaging(HttpRequest request)
    {
        var page = ParsePositive(request, "page") ?? 1;
        var perPage = Math.Min(ParsePositive(request, "per_page") ?? 20, Math.Max(1, options.MaxPageSize));
        return (page, perPage);
    }

    private static int? ParsePositive(HttpRequest request, string name)
    {
        var raw = QueryValue(request, name);
        if (raw is null)
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw ApiException.BadRequest($"{name} must be a positive integer");
    }

    private static string? QueryValue(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static void AddFilter(List<KeyValuePair<string, string>> filters, string name, string? value)
    {
        if (value is not null)
        {
            filters.Add(new(name, value));
        }
    }

    private static long ParseId(string raw) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1 ? id : throw ApiException.NotFound();

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest("The request body is not valid JSON.");
        }
    }

    private static async Task WriteAsync(HttpResponse response, ApiResponse result, RateLimitVerdict limits, string requestId)
    {
        response.StatusCode = result.Status;
        var headers = response.Headers;
        headers["ratelimit-limit"] = limits.Limit.ToString(CultureInfo.InvariantCulture);
        headers["ratelimit-remaining"] = limits.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["ratelimit-reset"] = limits.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
        headers["x-request-id"] = requestId;
        if (result.Status == 429 && limits.RetryAfterSeconds is { } retryAfter)
        {
            headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        // The real API sets a content-type even on a 204 with an empty body (the spec's no_content_with_content_type).
        response.ContentType = "application/json; charset=utf-8";
        if (result.Body is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            result.Body.WriteTo(writer);
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private sealed record RequestScope(string BaseUrl);

    private sealed record ApiResponse(int Status, JsonNode? Body);
}
