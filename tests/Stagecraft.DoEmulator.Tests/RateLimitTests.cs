using System.Net;
using System.Net.Http.Headers;

namespace Stagecraft.DoEmulator.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task EveryResponse_CarriesRateLimitHeadersAndARequestId()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var first = await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromSeconds(10));
        var second = await emulator.GetAsync("/v2/droplets/1");

        Assert.Equal("5000", first.Header("ratelimit-limit"));
        Assert.Equal("4999", first.Header("ratelimit-remaining"));
        Assert.Equal("4998", second.Header("ratelimit-remaining"));
        var reset = EmulatorHarness.Epoch.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(reset, first.Header("ratelimit-reset"));
        Assert.Equal(reset, second.Header("ratelimit-reset"));
        Assert.NotEqual(first.Header("x-request-id"), second.Header("x-request-id"));
        Assert.True(Guid.TryParse(first.Header("x-request-id"), out _));
        Assert.Equal(second.Header("x-request-id"), (string?)second.Json["request_id"]);
        Assert.False(first.Headers.ContainsKey("retry-after"));
    }

    [Fact]
    public async Task BurstLimit_Gives429WithRetryAfter_UntilTheMinuteSlides()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], BurstLimitPerMinute = 3 });

        await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromSeconds(20));
        await emulator.GetAsync("/v2/droplets");
        await emulator.GetAsync("/v2/droplets");
        var refused = await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromSeconds(40));
        var admitted = await emulator.GetAsync("/v2/droplets");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("40", refused.Header("retry-after"));
        Assert.Equal("0", refused.Header("ratelimit-remaining"));
        Assert.Equal("too_many_requests", (string?)refused.Json["id"]);
        Assert.Equal(HttpStatusCode.OK, admitted.Status);
    }

    [Fact]
    public async Task Remaining_IsWhatIsLeftOfTheHourlyQuota_TheBurstShowsOnlyAsA429()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], BurstLimitPerMinute = 2 });

        var first = await emulator.GetAsync("/v2/droplets");
        var second = await emulator.GetAsync("/v2/droplets");
        var refused = await emulator.GetAsync("/v2/droplets");

        Assert.Equal("4999", first.Header("ratelimit-remaining"));
        Assert.Equal("4998", second.Header("ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("0", refused.Header("ratelimit-remaining"));
        Assert.Equal("60", refused.Header("retry-after"));
    }

    [Fact]
    public async Task HourlyLimit_Gives429WithoutRetryAfter_UntilTheOldestRequestLeavesTheHour()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], HourlyLimit = 3 });

        var first = await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromMinutes(10));
        await emulator.GetAsync("/v2/droplets");
        var last = await emulator.GetAsync("/v2/droplets");
        var refused = await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromMinutes(50));
        var admitted = await emulator.GetAsync("/v2/droplets");

        var reset = EmulatorHarness.Epoch.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("3", first.Header("ratelimit-limit"));
        Assert.Equal("2", first.Header("ratelimit-remaining"));
        Assert.Equal("0", last.Header("ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("0", refused.Header("ratelimit-remaining"));
        Assert.Equal(reset, refused.Header("ratelimit-reset"));
        Assert.False(refused.Headers.ContainsKey("retry-after"));
        Assert.Equal(HttpStatusCode.OK, admitted.Status);
        Assert.Equal("0", admitted.Header("ratelimit-remaining"));
    }

    [Fact]
    public async Task BusiestWindow_CountsTheMostRequestsThatArrivedWithinAnySpan()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromSeconds(30));
        await emulator.GetAsync("/v2/droplets");
        await emulator.GetAsync("/v2/droplets");
        emulator.Time.Advance(TimeSpan.FromSeconds(30));
        await emulator.GetAsync("/v2/droplets");

        Assert.Equal(3, emulator.Server.BusiestWindow(TimeSpan.FromMinutes(1)));
        Assert.Equal(4, emulator.Server.BusiestWindow(TimeSpan.FromSeconds(61)));
        Assert.Equal(2, emulator.Server.BusiestWindow(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ListSshKeys_IsLimitedTo10PerMinute_OtherEndpointsAreNot()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync("/v2/account/keys")).Status);
        }

        var refused = await emulator.GetAsync("/v2/account/keys");
        var single = await emulator.GetAsync("/v2/account/keys/512190");
        emulator.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await emulator.GetAsync("/v2/account/keys");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("60", refused.Header("retry-after"));
        Assert.Equal(HttpStatusCode.OK, single.Status);
        Assert.Equal(HttpStatusCode.OK, later.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Request_WithoutAValidToken_Is401Unauthorized(string? token)
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);

        var result = await emulator.GetAsync("/v2/droplets");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("unauthorized", (string?)result.Json["id"]);
        Assert.Equal("Unable to authenticate you.", (string?)result.Json["message"]);
        Assert.Equal("5000", result.Header("ratelimit-limit"));
        Assert.Equal(result.Header("x-request-id"), (string?)result.Json["request_id"]);
        Assert.Equal([new EmulatorRequest("GET", "/v2/droplets", 401)], emulator.Server.Requests);
    }

    [Fact]
    public async Task Requests_AreLoggedWithPathQueryAndStatus()
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        await emulator.GetAsync("/v2/droplets?tag_name=x&per_page=200");
        await emulator.GetAsync("/v2/droplets/12");

        Assert.Equal(
            [new EmulatorRequest("GET", "/v2/droplets?tag_name=x&per_page=200", 200), new EmulatorRequest("GET", "/v2/droplets/12", 404)],
            emulator.Server.Requests);
    }
}
