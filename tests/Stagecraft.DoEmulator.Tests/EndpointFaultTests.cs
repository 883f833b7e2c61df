using System.Net;

namespace Stagecraft.DoEmulator.Tests;

public sealed class EndpointFaultTests
{
    [Theory]
    [InlineData("GET", "/v2/droplets/*", "GET", "/v2/droplets/3000000001", true)]
    [InlineData("GET", "/v2/droplets/*", "GET", "/v2/droplets", false)]
    [InlineData("GET", "/v2/droplets/*", "POST", "/v2/droplets/3000000001", false)]
    [InlineData("post", "/v2/tags/*/resources", "POST", "/v2/tags/stagecraft/resources", true)]
    [InlineData("POST", "/v2/droplets", "POST", "/v2/droplets/", true)]
    [InlineData("GET", "/v2/actions/*", "GET", "/v2/droplets/1/actions/2", false)]
    public void Matches_ComparesMethodAndSegmentsWithStarForOneSegment(string method, string pattern, string requestMethod, string path, bool expected) =>
        Assert.Equal(expected, new EndpointFault(method, pattern, EndpointFaultKind.ServerError).Matches(requestMethod, path));

    [Fact]
    public async Task ServerError_WhenArmedForTwoGets_AnswersThemWith500ThenServesAndLeavesOtherEndpointsAlone()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var id = emulator.Server.SeedDroplet("web-1", ["stagecraft"]).Id;
        emulator.Server.Faults.Add(new EndpointFault("GET", "/v2/droplets/*", EndpointFaultKind.ServerError, Count: 2));

        var list = await emulator.GetAsync("/v2/droplets");
        var first = await emulator.GetAsync($"/v2/droplets/{id}");
        var second = await emulator.GetAsync($"/v2/droplets/{id}");
        var third = await emulator.GetAsync($"/v2/droplets/{id}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], [first.Status, second.Status, third.Status]);
        Assert.Equal("server_error", (string?)first.Json["id"]);
        Assert.Equal(first.Header("x-request-id"), (string?)first.Json["request_id"]);
        Assert.Equal(0, emulator.Server.Faults.EndpointFaultsLeft);
        Assert.Equal([200, 500, 500, 200], emulator.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task HtmlBadGateway_AnswersAnHtmlPageBeforeAnyEffect()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.Faults.Add(new EndpointFault("POST", "/v2/droplets", EndpointFaultKind.HtmlBadGateway));

        var refused = await emulator.CreateDropletAsync("web-1", "stagecraft");
        var created = await emulator.CreateDropletAsync("web-1", "stagecraft");

        Assert.Equal(HttpStatusCode.BadGateway, refused.Status);
        Assert.Equal("text/html", refused.Header("content-type"));
        Assert.StartsWith("<html>\r\n<head><title>502 Bad Gateway</title></head>", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        Assert.Single(emulator.Server.Droplets);
    }

    [Fact]
    public async Task AbortConnection_AfterEffect_CreatesTheDropletButResetsTheConnection()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.Faults.Add(new EndpointFault("POST", "/v2/droplets", EndpointFaultKind.AbortConnection, AfterEffect: true));

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.CreateDropletAsync("web-1", "stagecraft"));

        Assert.Equal("web-1", Assert.Single(emulator.Server.Droplets).Name);
        Assert.Equal(0, Assert.Single(emulator.Server.Requests).StatusCode);
    }

    [Fact]
    public async Task Faults_WhenChangedWhileServing_TakeEffectAndClearTurnsThemAllOff()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.Faults.DropletLimit = 0;
        emulator.Server.Faults.Fail429EveryNthRequest = 2;
        emulator.Server.Faults.Add(new EndpointFault("GET", "/v2/actions/*", EndpointFaultKind.AbortConnection, Count: 5));

        var limited = await emulator.CreateDropletAsync("web-1", "stagecraft");
        var refused = await emulator.GetAsync("/v2/droplets");
        emulator.Server.Faults.Clear();
        var created = await emulator.CreateDropletAsync("web-1", "stagecraft");
        var listed = await emulator.GetAsync("/v2/droplets");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, limited.Status);
        Assert.Equal("creating this/these droplet(s) will exceed your droplet limit", (string?)limited.Json["message"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(0, emulator.Server.Faults.EndpointFaultsLeft);
        Assert.Null(emulator.Server.Faults.DropletLimit);
    }

    [Fact]
    public async Task Delay_ServesTheCreateButAnswersOnlyAfterTheDelay_ThenStops()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.Faults.Add(new EndpointFault("POST", "/v2/droplets", EndpointFaultKind.Delay, Delay: TimeSpan.FromSeconds(5)));

        var slow = emulator.CreateDropletAsync("web-1", "stagecraft");
        while (!slow.IsCompleted)
        {
            // The answer waits on the emulator's fake clock: move it on until the response arrives.
            emulator.Time.Advance(TimeSpan.FromSeconds(1));
            SpinWait.SpinUntil(() => slow.IsCompleted, TimeSpan.FromMilliseconds(50));
        }

        var created = await slow;
        var answeredAfter = emulator.Time.GetUtcNow() - EmulatorHarness.Epoch;
        var fast = await emulator.CreateDropletAsync("web-2", "stagecraft");

        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        Assert.Equal("web-1", (string?)created.Json["droplet"]?["name"]);
        Assert.InRange(answeredAfter, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Accepted, fast.Status);
        Assert.Equal(["web-1", "web-2"], emulator.Server.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, emulator.Server.Faults.EndpointFaultsLeft);
    }
}
