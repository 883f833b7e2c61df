using System.Net;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>Emulator responses checked against the OpenAPI subset in shared/reference.</summary>
public sealed class SchemaConformanceTests
{
    private readonly OpenApiSchemas _spec = OpenApiSchemas.Load();

    public static TheoryData<string, string, string, string> Fixtures => new()
    {
        { "droplet-active.json", "/v2/droplets/{droplet_id}", "get", "200" },
        { "droplet-new.json", "/v2/droplets/{droplet_id}", "get", "200" },
        { "create-droplet-response.json", "/v2/droplets", "post", "202" },
        { "create-droplets-multi-response.json", "/v2/droplets", "post", "202" },
        { "droplets-list-page1.json", "/v2/droplets", "get", "200" },
        { "droplets-list-page2.json", "/v2/droplets", "get", "200" },
        { "droplets-list-empty.json", "/v2/droplets", "get", "200" },
        { "ssh-keys-list.json", "/v2/account/keys", "get", "200" },
        { "ssh-key.json", "/v2/account/keys/{ssh_key_identifier}", "get", "200" },
        { "action-completed.json", "/v2/actions/{action_id}", "get", "200" },
        { "action-in-progress.json", "/v2/actions/{action_id}", "get", "200" },
        { "action-errored.json", "/v2/actions/{action_id}", "get", "200" },
        { "tag-create-response.json", "/v2/tags", "post", "201" },
        { "error-400-tag-invalid.json", "/v2/tags", "post", "400" },
        { "error-401.json", "/v2/droplets", "get", "401" },
        { "error-404.json", "/v2/droplets/{droplet_id}", "get", "404" },
        { "error-422-droplet-limit.json", "/v2/droplets", "post", "422" },
        { "error-429.json", "/v2/droplets", "get", "429" },
        { "error-500.json", "/v2/droplets", "get", "500" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void SharedFixture_MatchesItsOperation_SoTheConverterIsSound(string fixture, string path, string method, string status)
    {
        var json = File.ReadAllText(SharedFolder.Path("fixtures", "digitalocean", fixture));

        SchemaAssert.Valid(_spec.ForOperation(path, method, status), json, fixture);
    }

    [Fact]
    public void Validator_RejectsADropletThatBreaksTheSpec()
    {
        var schema = _spec.ForOperation("/v2/droplets/{droplet_id}", "get", "200");
        var json = JsonNode.Parse(File.ReadAllText(SharedFolder.Path("fixtures", "digitalocean", "droplet-active.json")))!;
        json["droplet"]!.AsObject().Remove("status");
        json["droplet"]!["networks"]!["v4"]![0]!["ip_address"] = "not-an-ip";
        json["droplet"]!["kernel"] = 5;

        var errors = SchemaAssert.Errors(schema, json.ToJsonString());

        Assert.Contains(errors, e => e.Contains("required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/droplet/networks/v4/0/ip_address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/droplet/kernel", StringComparison.Ordinal));
    }

    [Fact]
    public void Convert_TurnsNullableIntoATypeUnion()
    {
        var converted = OpenApiSchemas.Convert(JsonNode.Parse("""
            {"type":"object","nullable":true,"properties":{"slug":{"type":"string","nullable":true,"example":"x"},"s":{"type":"string","enum":["a"],"nullable":true},"r":{"$ref":"#/components/schemas/Region"}}}
            """)!.AsObject());

        Assert.Equal(
            """{"type":["object","null"],"properties":{"slug":{"type":["string","null"]},"s":{"type":["string","null"],"enum":["a",null]},"r":{"$ref":"#/$defs/Region"}}}""",
            converted.ToJsonString());
    }

    [Fact]
    public async Task DropletResponses_MatchTheSpec_ThroughTheWholeLifecycle()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var get = _spec.ForOperation("/v2/droplets/{droplet_id}", "get", "200");

        var single = await emulator.PostAsync("/v2/droplets", """
            {"name":"web-1","size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64","ipv6":true,"monitoring":true,"backups":true,"tags":["env:prod"]}
            """);
        var multi = await emulator.PostAsync("/v2/droplets", """{"names":["app-1","app-2"],"size":"s-2vcpu-4gb","image":12345678,"region":"fra"}""");
        var id = (long)single.Json["droplet"]!["id"]!;
        var whileNew = await emulator.GetAsync($"/v2/droplets/{id}");
        var action = await emulator.GetAsync($"/v2/actions/{(long)single.Json["links"]!["actions"]![0]!["id"]!}");
        emulator.Time.Advance(TimeSpan.FromSeconds(2));
        var active = await emulator.GetAsync($"/v2/droplets/{id}");
        var list = await emulator.GetAsync("/v2/droplets?per_page=1&page=2");
        var empty = await emulator.GetAsync("/v2/droplets?name=nothing");
        var powerOff = await emulator.PostAsync($"/v2/droplets/{id}/actions", """{"type":"power_off"}""");
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var completed = await emulator.GetAsync($"/v2/actions/{(long)powerOff.Json["action"]!["id"]!}");

        Assert.Equal(HttpStatusCode.Accepted, multi.Status);
        Valid(_spec.ForOperation("/v2/droplets", "post", "202"), single, "droplet", "links");
        Valid(_spec.ForOperation("/v2/droplets", "post", "202"), multi, "droplets", "links");
        Valid(get, whileNew, "droplet");
        Valid(get, active, "droplet");
        Assert.Equal("2604:a880:800:10::1:1001", (string?)active.Json["droplet"]!["networks"]!["v6"]![0]!["ip_address"]);
        Valid(_spec.ForOperation("/v2/droplets", "get", "200"), list, "droplets", "links", "meta");
        Assert.NotNull(list.Json["links"]!["pages"]!["prev"]);
        Valid(_spec.ForOperation("/v2/droplets", "get", "200"), empty, "droplets", "links", "meta");
        Valid(_spec.ForOperation("/v2/actions/{action_id}", "get", "200"), action, "action");
        Valid(_spec.ForOperation("/v2/droplets/{droplet_id}/actions", "post", "201"), powerOff, "action");
        Valid(_spec.ForOperation("/v2/actions/{action_id}", "get", "200"), completed, "action");
        Assert.Equal("completed", (string?)completed.Json["action"]!["status"]);
    }

    [Fact]
    public async Task SshKeyAndTagResponses_MatchTheSpec()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.SeedDroplet("web-1", ["env:prod"]);

        Valid(_spec.ForOperation("/v2/account/keys", "get", "200"), await emulator.GetAsync("/v2/account/keys"), "ssh_keys", "links", "meta");
        Valid(_spec.ForOperation("/v2/account/keys/{ssh_key_identifier}", "get", "200"), await emulator.GetAsync("/v2/account/keys/512190"), "ssh_key");
        Valid(_spec.ForOperation("/v2/tags", "post", "201"), await emulator.PostAsync("/v2/tags", """{"name":"env:prod"}"""), "tag");
        Valid(_spec.ForOperation("/v2/tags", "post", "400"), await emulator.PostAsync("/v2/tags", """{"name":"bad tag"}"""), "error", "root_causes");
    }

    [Fact]
    public async Task AccountAndCatalogResponses_MatchTheSpec()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var account = await emulator.GetAsync("/v2/account");
        var regions = await emulator.GetAsync("/v2/regions?per_page=5&page=2");
        var sizes = await emulator.GetAsync("/v2/sizes?per_page=200");
        var image = await emulator.GetAsync("/v2/images/ubuntu-22-04-x64");
        var byId = await emulator.GetAsync("/v2/images/129211873");
        var snapshot = await emulator.GetAsync("/v2/images/12345");
        var missing = await emulator.GetAsync("/v2/images/ubuntu-99-04-x64");

        Valid(_spec.ForOperation("/v2/account", "get", "200"), account, "account");
        Assert.Equal("active", (string?)account.Json["account"]!["status"]);
        Valid(_spec.ForOperation("/v2/regions", "get", "200"), regions, "regions", "links", "meta");
        Assert.Equal(5, regions.Json["regions"]!.AsArray().Count);
        Assert.NotNull(regions.Json["links"]!["pages"]!["next"]);
        Valid(_spec.ForOperation("/v2/sizes", "get", "200"), sizes, "sizes", "links", "meta");
        Valid(_spec.ForOperation("/v2/images/{image_id}", "get", "200"), image, "image");
        Assert.Equal((long)image.Json["image"]!["id"]!, (long)byId.Json["image"]!["id"]!);
        Valid(_spec.ForOperation("/v2/images/{image_id}", "get", "200"), snapshot, "image");
        Assert.Null((string?)snapshot.Json["image"]!["slug"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Valid(_spec.ForOperation("/v2/images/{image_id}", "get", "404"), missing, "id", "message");
    }

    [Fact]
    public async Task ErrorResponses_MatchTheSpec()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions
        {
            TimeProvider = t,
            Tokens = [EmulatorHarness.Token],
            Fail429EveryNthRequest = 4,
            LoseCreateResponseFor = new HashSet<string> { "lost" },
        });

        var notFound = await emulator.GetAsync("/v2/droplets/42");
        var unprocessable = await emulator.PostAsync("/v2/droplets", """{"name":"x","size":"nope","image":"ubuntu-22-04-x64"}""");
        var serverError = await emulator.CreateDropletAsync("lost");
        var tooMany = await emulator.GetAsync("/v2/droplets");
        emulator.Client.DefaultRequestHeaders.Authorization = null;
        var unauthorized = await emulator.GetAsync("/v2/droplets");

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity, HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.Unauthorized],
            [notFound.Status, unprocessable.Status, serverError.Status, tooMany.Status, unauthorized.Status]);
        Valid(_spec.ForOperation("/v2/droplets/{droplet_id}", "get", "404"), notFound, "id", "message", "request_id");
        Valid(_spec.ForOperation("/v2/droplets", "post", "422"), unprocessable, "id", "message", "request_id");
        Valid(_spec.ForOperation("/v2/droplets", "post", "500"), serverError, "id", "message", "request_id");
        Valid(_spec.ForOperation("/v2/droplets", "get", "429"), tooMany, "id", "message", "request_id");
        Valid(_spec.ForOperation("/v2/droplets", "get", "401"), unauthorized, "id", "message", "request_id");
    }

    [Fact]
    public async Task DeleteResponses_MatchTheSpec_204WithTheDeclaredHeadersThen404()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var seeded = emulator.Server.SeedDroplet("staging-app-1", ["stagecraft", "stagecraft-env-staging"]);
        var declared = _spec.ForOperation("/v2/droplets/{droplet_id}", "delete", "404");

        var deleted = await emulator.DeleteAsync($"/v2/droplets/{seeded.Id}");
        var again = await emulator.DeleteAsync($"/v2/droplets/{seeded.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(string.Empty, deleted.Body);
        foreach (var header in new[] { "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "content-type" })
        {
            Assert.False(string.IsNullOrEmpty(deleted.Header(header)), header);
        }

        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Valid(declared, again, "id", "message", "request_id");
        Assert.Empty(emulator.Server.Droplets);
    }

    /// <summary>Many response schemas only list properties, so the envelope keys are checked as well.</summary>
    private static void Valid(JsonSchema schema, ApiResult result, params string[] envelope)
    {
        SchemaAssert.Valid(schema, result.Body, $"{(int)result.Status} response");
        Assert.All(envelope, key => Assert.True(result.Json.AsObject().ContainsKey(key), $"missing '{key}' in {result.Body}"));
    }
}
