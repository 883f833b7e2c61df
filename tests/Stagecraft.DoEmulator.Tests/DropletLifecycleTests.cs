using System.Net;
using System.Text.Json.Nodes;

namespace Stagecraft.DoEmulator.Tests;

public sealed class DropletLifecycleTests
{
    [Fact]
    public async Task CreateDroplet_WhenBootDelayPasses_BecomesActiveWithPrivateNetworkBeforePublic()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var created = await emulator.CreateDropletAsync("web-1", "stagecraft:demo");

        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var droplet = created.Json["droplet"]!;
        Assert.Equal("new", (string?)droplet["status"]);
        Assert.Equal("""{"v4":[],"v6":[]}""", droplet["networks"]!.ToJsonString());
        Assert.Equal("2026-03-01T12:00:00Z", (string?)droplet["created_at"]);
        var link = created.Json["links"]!["actions"]![0]!;
        Assert.Equal("create", (string?)link["rel"]);
        var actionId = (long)link["id"]!;
        Assert.Equal($"{emulator.Server.BaseUrl.ToString().TrimEnd('/')}/v2/actions/{actionId}", (string?)link["href"]);

        var pending = await emulator.GetAsync((string)link["href"]!);
        Assert.Equal("in-progress", (string?)pending.Json["action"]!["status"]);
        Assert.Null(pending.Json["action"]!["completed_at"]);

        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var stillNew = await emulator.GetAsync($"/v2/droplets/{(long)droplet["id"]!}");
        Assert.Equal("new", (string?)stillNew.Json["droplet"]!["status"]);

        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var active = (await emulator.GetAsync($"/v2/droplets/{(long)droplet["id"]!}")).Json["droplet"]!;
        Assert.Equal("active", (string?)active["status"]);
        var v4 = active["networks"]!["v4"]!.AsArray();
        Assert.Equal(2, v4.Count);
        Assert.Equal("private", (string?)v4[0]!["type"]);
        Assert.StartsWith("10.", (string?)v4[0]!["ip_address"], StringComparison.Ordinal);
        Assert.Equal("public", (string?)v4[1]!["type"]);
        Assert.Equal("127.0.0.10", (string?)v4[1]!["ip_address"]);

        var done = (await emulator.GetAsync($"/v2/actions/{actionId}")).Json["action"]!;
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal("2026-03-01T12:00:02Z", (string?)done["completed_at"]);
        Assert.Equal("127.0.0.10", Assert.Single(emulator.Server.Droplets).PublicIp);
    }

    [Fact]
    public async Task DropletBecameActive_FiresOnceFromTheClock_WithoutAnyRequest()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var raised = new List<EmulatorDroplet>();
        emulator.Server.DropletBecameActive += raised.Add;
        await emulator.CreateDropletAsync("web-1");
        await emulator.CreateDropletAsync("web-2");

        emulator.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["web-1", "web-2"], raised.Select(d => d.Name));
        Assert.Equal(["127.0.0.10", "127.0.0.11"], raised.Select(d => d.PublicIp));
        Assert.All(raised, d => Assert.Equal("active", d.Status));

        emulator.Time.Advance(TimeSpan.FromMinutes(5));
        await emulator.GetAsync("/v2/droplets");
        Assert.Equal(2, raised.Count);
    }

    [Fact]
    public async Task CreateDroplet_AssignsIdsAbove32Bits_ThatWorkInGetAndActions()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var created = await emulator.CreateDropletAsync("web-1");

        var id = (long)created.Json["droplet"]!["id"]!;
        var actionId = (long)created.Json["links"]!["actions"]![0]!["id"]!;
        Assert.True(id > int.MaxValue, $"droplet id {id} fits in an int");
        Assert.True(actionId > int.MaxValue, $"action id {actionId} fits in an int");
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync($"/v2/droplets/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync($"/v2/droplets/{id}/actions/{actionId}")).Status);
        Assert.Equal(id, emulator.Server.Droplets[0].Id);
    }

    [Fact]
    public async Task CreateDroplets_WithNames_ReturnsEveryDropletAndOneCreateActionEach()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var created = await emulator.PostAsync("/v2/droplets", """
            {"names":["app-1","app-2","app-3"],"size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64","region":"nyc","tags":["env:prod"]}
            """);

        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var droplets = created.Json["droplets"]!.AsArray();
        Assert.Equal(["app-1", "app-2", "app-3"], droplets.Select(d => (string)d!["name"]!));
        Assert.All(droplets, d => Assert.Equal("nyc3", (string?)d!["region"]!["slug"]));
        var links = created.Json["links"]!["actions"]!.AsArray();
        Assert.Equal(3, links.Count);
        Assert.All(links, l => Assert.Equal("create", (string?)l!["rel"]));
        Assert.Equal(3, links.Select(l => (long)l!["id"]!).Distinct().Count());
    }

    [Fact]
    public async Task CreateDroplets_WithMoreThanTenNames_Is422AndCreatesNothing()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var names = new JsonArray([.. Enumerable.Range(1, 11).Select(i => (JsonNode)$"app-{i}")]);

        var result = await emulator.PostAsync("/v2/droplets", new JsonObject { ["names"] = names, ["size"] = "s-1vcpu-1gb", ["image"] = "ubuntu-22-04-x64" }.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.Status);
        Assert.Equal("unprocessable_entity", (string?)result.Json["id"]);
        Assert.Empty(emulator.Server.Droplets);
    }

    [Theory]
    [InlineData("""{"name":"bad_name!","size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64"}""", "Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)")]
    [InlineData("""{"name":"web-1","image":"ubuntu-22-04-x64"}""", "You specified an invalid size for Droplet creation.")]
    [InlineData("""{"name":"web-1","size":"s-1vcpu-1gb"}""", "You specified an invalid image for Droplet creation.")]
    [InlineData("""{"name":"web-1","size":"s-1vcpu-1gb","image":"no-such-image"}""", "You specified an invalid image for Droplet creation.")]
    [InlineData("""{"name":"web-1","size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64","region":"mars1"}""", "You specified an invalid region for Droplet creation.")]
    [InlineData("""{"name":"web-1","size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64","region":"nyc2"}""", "Region nyc2 is not available for new Droplets.")]
    [InlineData("""{"name":"web-1","size":"m-2vcpu-16gb","image":"ubuntu-22-04-x64","region":"ams3"}""", "Size m-2vcpu-16gb is not available in region ams3.")]
    [InlineData("""{"name":"web-1","size":"s-3vcpu-3gb","image":"ubuntu-22-04-x64"}""", "You specified an invalid size for Droplet creation.")]
    [InlineData("""{"name":"web-1","size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64","ssh_keys":[999]}""", "The SSH key '999' was not found on your account.")]
    [InlineData("""{"name":"web-1","names":["web-2"],"size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64"}""", "request payload validation failed")]
    public async Task CreateDroplet_WhenBodyIsInvalid_Is422WithMessage(string body, string message)
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var result = await emulator.PostAsync("/v2/droplets", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.Status);
        Assert.Equal("unprocessable_entity", (string?)result.Json["id"]);
        Assert.Equal(message, (string?)result.Json["message"]);
        Assert.Empty(emulator.Server.Droplets);
    }

    [Fact]
    public async Task CreateDroplet_AcceptsSshKeysByIdAndByFingerprint()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var result = await emulator.PostAsync("/v2/droplets", """
            {"name":"web-1","size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64","ssh_keys":[512190,"3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"]}
            """);

        Assert.Equal(HttpStatusCode.Accepted, result.Status);
    }

    [Fact]
    public async Task CreateDroplet_BeyondTheDropletLimit_Is422AndCreatesNothing()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], DropletLimit = 2 });
        emulator.Server.SeedDroplet("existing", []);

        var result = await emulator.PostAsync("/v2/droplets", """{"names":["a","b"],"size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.Status);
        Assert.Equal("unprocessable_entity", (string?)result.Json["id"]);
        Assert.Equal("creating this/these droplet(s) will exceed your droplet limit", (string?)result.Json["message"]);
        Assert.Equal(result.Header("x-request-id"), (string?)result.Json["request_id"]);
        Assert.Equal(["existing"], emulator.Server.Droplets.Select(d => d.Name));
        Assert.Equal(HttpStatusCode.Accepted, (await emulator.CreateDropletAsync("c")).Status);
    }

    [Fact]
    public async Task GetDroplet_WhenUnknown_Is404NotFound()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var result = await emulator.GetAsync("/v2/droplets/3999999999");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("not_found", (string?)result.Json["id"]);
        Assert.Equal("The resource you requested could not be found.", (string?)result.Json["message"]);
    }

    [Fact]
    public async Task DeleteDroplet_Is204_ThenGetIs404()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var seeded = emulator.Server.SeedDroplet("old", ["stagecraft:demo"]);

        var deleted = await emulator.DeleteAsync($"/v2/droplets/{seeded.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal("", deleted.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync($"/v2/droplets/{seeded.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.DeleteAsync($"/v2/droplets/{seeded.Id}")).Status);
    }

    [Fact]
    public async Task DeleteDroplet_WithDeleteLag_StaysVisibleUntilTheLagPasses_AndAnnouncesTheDeleteOnce()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], DeleteLag = TimeSpan.FromSeconds(5) });
        var seeded = emulator.Server.SeedDroplet("staging-app-1", ["stagecraft"]);
        var kept = emulator.Server.SeedDroplet("staging-db-1", ["stagecraft"]);
        var announced = new List<string>();
        emulator.Server.DropletDeleted += d => announced.Add(d.Name);

        var first = await emulator.DeleteAsync($"/v2/droplets/{seeded.Id}");
        var again = await emulator.DeleteAsync($"/v2/droplets/{seeded.Id}");
        var during = await emulator.GetAsync($"/v2/droplets/{seeded.Id}");
        var listedDuring = await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromSeconds(5));
        var after = await emulator.GetAsync($"/v2/droplets/{seeded.Id}");

        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        Assert.Equal(HttpStatusCode.NoContent, again.Status);
        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.Contains("staging-app-1", listedDuring.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.Equal(["staging-app-1"], announced);
        Assert.Equal([kept.Id], emulator.Server.Droplets.Select(d => d.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.DeleteAsync($"/v2/droplets/{seeded.Id}")).Status);
    }

    [Fact]
    public async Task SeedDroplet_Active_HasNetworksAtOnce_AndOffStaysOff()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var active = emulator.Server.SeedDroplet("web-1", ["a"]);
        var off = emulator.Server.SeedDroplet("web-2", ["a"], status: "off");

        Assert.Equal("127.0.0.10", active.PublicIp);
        Assert.StartsWith("10.", active.PrivateIp, StringComparison.Ordinal);
        Assert.Equal("off", off.Status);
        var json = (await emulator.GetAsync($"/v2/droplets/{active.Id}")).Json["droplet"]!;
        Assert.Equal("nyc1", (string?)json["region"]!["slug"]);
        Assert.Equal("s-2vcpu-4gb", (string?)json["size_slug"]);
        Assert.Equal("ubuntu-22-04-x64", (string?)json["image"]!["slug"]);
    }

    [Fact]
    public async Task SetStatusAndRemoveTags_ChangeWhatTheApiReturns()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var seeded = emulator.Server.SeedDroplet("web-1", ["stagecraft:demo", "role:web"]);

        emulator.Server.SetStatus(seeded.Id, "off");
        emulator.Server.RemoveTags(seeded.Id, "stagecraft:demo");

        var json = (await emulator.GetAsync($"/v2/droplets/{seeded.Id}")).Json["droplet"]!;
        Assert.Equal("off", (string?)json["status"]);
        Assert.Equal("""["role:web"]""", json["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task DeleteDropletsByTag_RemovesEveryDropletCarryingIt()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.SeedDroplet("web-1", ["stagecraft:demo"]);
        emulator.Server.SeedDroplet("keep", ["other"]);
        emulator.Server.SeedDroplet("web-2", ["stagecraft:demo"]);

        var deleted = await emulator.DeleteAsync("/v2/droplets?tag_name=stagecraft:demo");
        var unknown = await emulator.DeleteAsync("/v2/droplets?tag_name=nothing");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(["keep"], emulator.Server.Droplets.Select(d => d.Name));
    }

    [Fact]
    public async Task DropletBecameActive_FiresForASeededOffDropletWhenPoweredOn_ButNotForSeededActiveOnes()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var raised = new List<string>();
        emulator.Server.DropletBecameActive += d => raised.Add(d.Name);
        emulator.Server.SeedDroplet("already-on", []);
        var off = emulator.Server.SeedDroplet("was-off", [], status: "off");

        await emulator.PostAsync($"/v2/droplets/{off.Id}/actions", """{"type":"power_on"}""");
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var actions = (await emulator.GetAsync($"/v2/droplets/{off.Id}/actions")).Json;

        Assert.Equal(["was-off"], raised);
        Assert.Equal("power_on", (string?)actions["actions"]![0]!["type"]);
        Assert.Equal("completed", (string?)actions["actions"]![0]!["status"]);
    }
}
