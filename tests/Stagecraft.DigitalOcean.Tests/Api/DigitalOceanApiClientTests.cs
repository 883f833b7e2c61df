using System.Net;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Api;

public sealed class DigitalOceanApiClientTests
{
    [Theory]
    [InlineData("")]
    [InlineData(""","links":{}""")]
    [InlineData(""","links":{"pages":{}}""")]
    [InlineData(""","links":{"pages":{"first":"https://api.digitalocean.com/v2/droplets?page=1","prev":"https://api.digitalocean.com/v2/droplets?page=1"}}""")]
    public async Task ListDropletsByTagAsync_WhenNoNextLink_StopsAfterOnePage(string links)
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(
            StubHandler.Json(HttpStatusCode.OK, $$$"""{"droplets":[{"id":3000000000,"name":"staging-app-1","status":"active"}]{{{links}}},"meta":{"total":1}}"""))));

        var droplets = await h.Clock.RunAsync(h.Client.ListDropletsByTagAsync("stagecraft-env-staging", CancellationToken.None));

        Assert.Equal(3_000_000_000L, Assert.Single(droplets).Id);
        Assert.Equal(["GET http://stub.test/prefix/v2/droplets?tag_name=stagecraft-env-staging&per_page=200"], h.Stub.Requests);
    }

    [Fact]
    public async Task ListDropletsByTagAsync_WhenNextPointsAtTheRealApi_RebasesOntoTheConfiguredUrl()
    {
        var page1 = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "droplets-list-page1.json"));
        var page2 = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "droplets-list-page2.json"));
        using var h = new ClientHarness(new StubHandler((_, n) => Task.FromResult(StubHandler.Json(HttpStatusCode.OK, n == 1 ? page1 : page2))));

        var droplets = await h.Clock.RunAsync(h.Client.ListDropletsByTagAsync("web", CancellationToken.None));

        Assert.Equal([3164444L, 3164459L, 3164412L], droplets.Select(d => d.Id));
        Assert.Equal(
            [
                "GET http://stub.test/prefix/v2/droplets?tag_name=web&per_page=200",
                "GET http://stub.test/prefix/v2/droplets?page=2&per_page=2",
            ],
            h.Stub.Requests);
    }

    [Fact]
    public async Task ListDropletsByTagAsync_WhenNextRepeats_FailsInsteadOfLooping()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(StubHandler.Json(
            HttpStatusCode.OK,
            """{"droplets":[],"links":{"pages":{"next":"https://api.digitalocean.com/v2/droplets?page=2"}}}"""))));

        var ex = await Assert.ThrowsAsync<Stagecraft.DigitalOcean.Api.DigitalOceanApiException>(() =>
            h.Clock.RunAsync(h.Client.ListDropletsByTagAsync("web", CancellationToken.None)));

        Assert.Equal("digitalocean provider: GET /v2/droplets: pagination does not end (links.pages.next repeats)", ex.Message);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task GetDropletAsync_When404_ReturnsNull()
    {
        using var h = new ClientHarness(new StubHandler((_, _) => Task.FromResult(
            StubHandler.Json(HttpStatusCode.NotFound, """{"id":"not_found","message":"The resource you were accessing could not be found."}"""))));

        var droplet = await h.Clock.RunAsync(h.Client.GetDropletAsync(4_294_967_296, CancellationToken.None));

        Assert.Null(droplet);
        Assert.Equal(["GET http://stub.test/prefix/v2/droplets/4294967296"], h.Stub.Requests);
    }
}
