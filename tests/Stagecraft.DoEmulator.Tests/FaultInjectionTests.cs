using System.Net;

namespace Stagecraft.DoEmulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task CreateDroplet_WhenResponseIsLost_Answers500ButTheDropletExists_Once()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions
        {
            TimeProvider = t,
            Tokens = [EmulatorHarness.Token],
            LoseCreateResponseFor = new HashSet<string> { "web-1" },
        });

        var lost = await emulator.CreateDropletAsync("web-1", "stagecraft:demo");

        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        Assert.Equal("server_error", (string?)lost.Json["id"]);
        var droplet = Assert.Single(emulator.Server.Droplets);
        Assert.Equal("web-1", droplet.Name);
        var listed = (await emulator.GetAsync("/v2/droplets?tag_name=stagecraft:demo")).Json;
        Assert.Equal(droplet.Id, (long)listed["droplets"]![0]!["id"]!);

        var retried = await emulator.CreateDropletAsync("web-1", "stagecraft:demo");
        Assert.Equal(HttpStatusCode.Accepted, retried.Status);
        Assert.Equal(2, emulator.Server.Droplets.Count);
    }

    [Fact]
    public async Task EveryNthRequest_Gets429WithRetryAfterAndRateLimitHeaders()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions { TimeProvider = t, Tokens = [EmulatorHarness.Token], Fail429EveryNthRequest = 3 });

        var statuses = new List<HttpStatusCode>();
        ApiResult? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var result = await emulator.GetAsync("/v2/droplets");
            statuses.Add(result.Status);
            refused = result.Status == HttpStatusCode.TooManyRequests ? result : refused;
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            statuses);
        Assert.Equal("1", refused!.Header("retry-after"));
        Assert.Equal("0", refused.Header("ratelimit-remaining"));
        Assert.Equal("5000", refused.Header("ratelimit-limit"));
        Assert.Equal("too_many_requests", (string?)refused.Json["id"]);
        Assert.Equal("API rate limit exceeded.", (string?)refused.Json["message"]);
    }

    [Fact]
    public async Task ServerErrorRate_IsDeterministicForASeed()
    {
        static async Task<List<HttpStatusCode>> RunAsync(int seed)
        {
            await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions
            {
                TimeProvider = t,
                Tokens = [EmulatorHarness.Token],
                ServerErrorRate = 0.5,
                Seed = seed,
            });
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 30; i++)
            {
                statuses.Add((await emulator.GetAsync("/v2/account/keys/512190")).Status);
            }

            return statuses;
        }

        var first = await RunAsync(7);
        var again = await RunAsync(7);
        var other = await RunAsync(8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.InternalServerError], first.Distinct().Order());
    }
}
