using System.Net;

namespace Stagecraft.DoEmulator.Tests;

public sealed class TagAndSshKeyTests
{
    [Fact]
    public async Task CreateTag_Is201_AndAgainReturnsTheSameTag()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var first = await emulator.PostAsync("/v2/tags", """{"name":"Env-Prod"}""");
        var again = await emulator.PostAsync("/v2/tags", """{"name":"env-prod"}""");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal("Env-Prod", (string?)first.Json["tag"]!["name"]);
        Assert.Equal("Env-Prod", (string?)again.Json["tag"]!["name"]);
        Assert.Equal(0, (int)first.Json["tag"]!["resources"]!["droplets"]!["count"]!);
    }

    [Fact]
    public async Task CreateTag_WithInvalidName_Is400WithRootCauses()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var result = await emulator.PostAsync("/v2/tags", """{"name":"здорово"}""");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("contains invalid characters", (string?)result.Json["error"], StringComparison.Ordinal);
        Assert.Null(result.Json["messages"]);
        Assert.True(result.Json.AsObject().ContainsKey("messages"));
        Assert.Single(result.Json["root_causes"]!.AsArray());
    }

    [Fact]
    public async Task TagResources_WithStringIds_Is204AndTheDropletIsListedUnderTheTag()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var droplet = emulator.Server.SeedDroplet("web-1", []);
        await emulator.PostAsync("/v2/tags", """{"name":"stagecraft:demo"}""");

        var result = await emulator.PostAsync("/v2/tags/stagecraft:demo/resources", $$"""{"resources":[{"resource_id":"{{droplet.Id}}","resource_type":"droplet"}]}""");

        Assert.Equal(HttpStatusCode.NoContent, result.Status);
        var listed = (await emulator.GetAsync("/v2/droplets?tag_name=stagecraft:demo")).Json;
        Assert.Equal(droplet.Id, (long)listed["droplets"]![0]!["id"]!);
        Assert.Equal(["stagecraft:demo"], emulator.Server.Droplets[0].Tags);
    }

    [Fact]
    public async Task TagResources_WithANumericResourceId_Is400()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var droplet = emulator.Server.SeedDroplet("web-1", ["demo"]);

        var result = await emulator.PostAsync("/v2/tags/demo/resources", $$"""{"resources":[{"resource_id":{{droplet.Id}},"resource_type":"droplet"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("bad_request", (string?)result.Json["id"]);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("prod")]
    public async Task TagResources_OnAnUnknownTagOrTheWrongCapitalization_Is404(string tag)
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var droplet = emulator.Server.SeedDroplet("web-1", ["Prod"]);

        var result = await emulator.PostAsync($"/v2/tags/{tag}/resources", $$"""{"resources":[{"resource_id":"{{droplet.Id}}","resource_type":"droplet"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("not_found", (string?)result.Json["id"]);
    }

    [Fact]
    public async Task CreateDroplet_CreatesItsTagsAutomatically()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.CreateDropletAsync("web-1", "stagecraft:new-tag");
        var other = emulator.Server.SeedDroplet("web-2", []);

        var result = await emulator.PostAsync("/v2/tags/stagecraft:new-tag/resources", $$"""{"resources":[{"resource_id":"{{other.Id}}","resource_type":"droplet"}]}""");

        Assert.Equal(HttpStatusCode.NoContent, result.Status);
    }

    [Fact]
    public async Task SshKeys_AreListedAndFoundByIdOrFingerprint()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var list = await emulator.GetAsync("/v2/account/keys");
        var byId = await emulator.GetAsync("/v2/account/keys/512190");
        var byFingerprint = await emulator.GetAsync("/v2/account/keys/3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa");
        var missing = await emulator.GetAsync("/v2/account/keys/1");

        Assert.Equal(
            """{"ssh_keys":[{"id":512190,"fingerprint":"3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa","public_key":"ssh-ed25519 AAAA... deploy","name":"deploy-key"}],"links":{},"meta":{"total":1}}""",
            list.Body);
        Assert.Equal("deploy-key", (string?)byId.Json["ssh_key"]!["name"]);
        Assert.Equal(512190, (long)byFingerprint.Json["ssh_key"]!["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }
}
