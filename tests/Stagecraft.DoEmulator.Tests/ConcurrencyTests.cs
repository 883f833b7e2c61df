using System.Net;

namespace Stagecraft.DoEmulator.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ParallelCreates_GetDistinctIdsAndAddresses()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions
        {
            TimeProvider = t,
            Tokens = [EmulatorHarness.Token],
            PublicIpPool = ["127.0.0.10", "127.0.0.11", "127.0.0.12"],
        });

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => emulator.CreateDropletAsync($"web-{i}")));
        emulator.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        var droplets = emulator.Server.Droplets;
        Assert.Equal(20, droplets.Select(d => d.Id).Distinct().Count());
        Assert.Equal(20, droplets.Select(d => d.PublicIp).Distinct().Count());
        Assert.Equal(20, droplets.Select(d => d.PrivateIp).Distinct().Count());
        Assert.Equal(["127.0.0.10", "127.0.0.11", "127.0.0.12", "203.0.113.1"], droplets.Select(d => d.PublicIp!).Order(StringComparer.Ordinal).Take(4));
        Assert.All(droplets, d => Assert.Equal("active", d.Status));
    }

    [Fact]
    public async Task RateLimits_AreCountedPerToken()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions
        {
            TimeProvider = t,
            Tokens = [EmulatorHarness.Token, "second-token"],
            BurstLimitPerMinute = 2,
        });
        await emulator.GetAsync("/v2/droplets");
        await emulator.GetAsync("/v2/droplets");

        var refused = await emulator.GetAsync("/v2/droplets");
        emulator.Client.DefaultRequestHeaders.Authorization = new("Bearer", "second-token");
        var other = await emulator.GetAsync("/v2/droplets");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal("4999", other.Header("ratelimit-remaining"));
    }
}
