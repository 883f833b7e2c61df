using System.Net;
using System.Text.Json.Nodes;

namespace Stagecraft.DoEmulator.Tests;

public sealed class DropletListTests
{
    [Fact]
    public async Task ListDroplets_FollowingAbsoluteNextLinks_VisitsEveryDropletOnce()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var seeded = Enumerable.Range(1, 5).Select(i => emulator.Server.SeedDroplet($"web-{i}", [])).ToList();
        var baseUrl = emulator.Server.BaseUrl.ToString().TrimEnd('/');

        var firstResult = await emulator.GetAsync("/v2/droplets?per_page=2");
        var first = firstResult.Json;

        Assert.EndsWith(
            $$$""","links":{"pages":{"last":"{{{baseUrl}}}/v2/droplets?page=3&per_page=2","next":"{{{baseUrl}}}/v2/droplets?page=2&per_page=2"}},"meta":{"total":5}}""",
            firstResult.Body,
            StringComparison.Ordinal);
        var seen = new List<long>();
        var page = first;
        var pages = 1;
        while (true)
        {
            Assert.Equal(5, (int)page["meta"]!["total"]!);
            seen.AddRange(page["droplets"]!.AsArray().Select(d => (long)d!["id"]!));
            if (page["links"]!["pages"]?["next"] is not { } next)
            {
                break;
            }

            page = (await emulator.GetAsync((string)next!)).Json;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(seeded.Select(d => d.Id), seen);
        Assert.Equal($"{baseUrl}/v2/droplets?page=1&per_page=2", (string?)page["links"]!["pages"]!["first"]);
        Assert.Equal($"{baseUrl}/v2/droplets?page=2&per_page=2", (string?)page["links"]!["pages"]!["prev"]);
        Assert.Equal(2, page["links"]!["pages"]!.AsObject().Count);
    }

    [Fact]
    public async Task ListDroplets_WithoutPerPage_Returns20PerPage()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        for (var i = 1; i <= 25; i++)
        {
            emulator.Server.SeedDroplet($"web-{i}", []);
        }

        var first = (await emulator.GetAsync("/v2/droplets")).Json;
        var second = (await emulator.GetAsync("/v2/droplets?page=2")).Json;

        Assert.Equal(20, first["droplets"]!.AsArray().Count);
        Assert.Equal(5, second["droplets"]!.AsArray().Count);
        Assert.Equal(25, (int)second["meta"]!["total"]!);
    }

    [Fact]
    public async Task ListDroplets_PerPageAboveTheCap_IsCapped()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], MaxPageSize = 2 });
        for (var i = 1; i <= 3; i++)
        {
            emulator.Server.SeedDroplet($"web-{i}", []);
        }

        var page = (await emulator.GetAsync("/v2/droplets?per_page=200")).Json;

        Assert.Equal(2, page["droplets"]!.AsArray().Count);
        Assert.EndsWith("/v2/droplets?page=2&per_page=2", (string?)page["links"]!["pages"]!["next"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDroplets_ByTag_KeepsTheFilterInPageLinks()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.SeedDroplet("web-1", ["stagecraft:demo"]);
        emulator.Server.SeedDroplet("other", ["unrelated"]);
        emulator.Server.SeedDroplet("web-2", ["stagecraft:demo", "role:web"]);
        emulator.Server.SeedDroplet("web-3", ["stagecraft:demo"]);

        var first = (await emulator.GetAsync("/v2/droplets?tag_name=stagecraft:demo&per_page=2")).Json;
        var next = (string)first["links"]!["pages"]!["next"]!;
        var second = (await emulator.GetAsync(next)).Json;

        Assert.EndsWith("/v2/droplets?page=2&per_page=2&tag_name=stagecraft%3Ademo", next, StringComparison.Ordinal);
        Assert.Equal(3, (int)first["meta"]!["total"]!);
        Assert.Equal(["web-1", "web-2", "web-3"], first["droplets"]!.AsArray().Concat(second["droplets"]!.AsArray()).Select(d => (string)d!["name"]!));
    }

    [Fact]
    public async Task ListDroplets_ByName_MatchesExactlyIgnoringCase()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.SeedDroplet("web-1", []);
        emulator.Server.SeedDroplet("web-10", []);
        emulator.Server.SeedDroplet("WEB-1", []);

        var page = (await emulator.GetAsync("/v2/droplets?name=Web-1")).Json;

        Assert.Equal(["web-1", "WEB-1"], page["droplets"]!.AsArray().Select(d => (string)d!["name"]!));
        Assert.Equal(2, (int)page["meta"]!["total"]!);
    }

    [Fact]
    public async Task ListDroplets_TagCombinedWithName_Is400()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var result = await emulator.GetAsync("/v2/droplets?tag_name=a&name=b");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("bad_request", (string?)result.Json["id"]);
    }

    [Fact]
    public async Task ListDroplets_WithNoMatches_HasEmptyLinksAndZeroTotal()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var result = await emulator.GetAsync("/v2/droplets?tag_name=nothing");

        Assert.Equal("""{"droplets":[],"links":{},"meta":{"total":0}}""", result.Body);
    }

    [Fact]
    public async Task ListDroplets_RightAfterCreate_LagsButGetByIdWorks()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], ListLag = TimeSpan.FromSeconds(5) });
        var id = (long)(await emulator.CreateDropletAsync("web-1", "stagecraft:demo")).Json["droplet"]!["id"]!;

        var early = (await emulator.GetAsync("/v2/droplets?tag_name=stagecraft:demo")).Json;
        var byId = await emulator.GetAsync($"/v2/droplets/{id}");
        emulator.Time.Advance(TimeSpan.FromSeconds(5));
        var late = (await emulator.GetAsync("/v2/droplets?tag_name=stagecraft:demo")).Json;

        Assert.Equal(0, (int)early["meta"]!["total"]!);
        Assert.Equal(HttpStatusCode.OK, byId.Status);
        Assert.Equal([id], late["droplets"]!.AsArray().Select(d => (long)d!["id"]!));
    }

    [Fact]
    public async Task ListDroplets_WithoutType_HidesGpuDropletsThatTypeGpusShows()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var plain = emulator.Server.SeedDroplet("web-1", ["stagecraft"]);
        var gpu = emulator.Server.SeedDroplet("ml-1", ["stagecraft"], size: "gpu-h100x1-80gb");

        var all = (await emulator.GetAsync("/v2/droplets")).Json;
        var typed = (await emulator.GetAsync("/v2/droplets?type=droplets")).Json;
        var gpus = (await emulator.GetAsync("/v2/droplets?type=gpus")).Json;
        var byName = (await emulator.GetAsync("/v2/droplets?name=ml-1")).Json;
        var byNameGpus = (await emulator.GetAsync("/v2/droplets?name=ml-1&type=gpus")).Json;
        var byTag = (await emulator.GetAsync("/v2/droplets?tag_name=stagecraft")).Json;

        Assert.Equal([plain.Id], all["droplets"]!.AsArray().Select(d => (long)d!["id"]!));
        Assert.Equal(1, (int)all["meta"]!["total"]!);
        Assert.Equal([plain.Id], typed["droplets"]!.AsArray().Select(d => (long)d!["id"]!));
        Assert.Equal([gpu.Id], gpus["droplets"]!.AsArray().Select(d => (long)d!["id"]!));
        Assert.Empty(byName["droplets"]!.AsArray());
        Assert.Equal([gpu.Id], byNameGpus["droplets"]!.AsArray().Select(d => (long)d!["id"]!));
        Assert.Equal([plain.Id, gpu.Id], byTag["droplets"]!.AsArray().Select(d => (long)d!["id"]!));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("per_page=abc")]
    [InlineData("type=vms")]
    public async Task ListDroplets_WithBadQuery_Is400(string query)
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var result = await emulator.GetAsync($"/v2/droplets?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("bad_request", (string?)result.Json["id"]);
    }
}
