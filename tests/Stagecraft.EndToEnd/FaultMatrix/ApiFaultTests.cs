using Stagecraft.DoEmulator;
using Stagecraft.EndToEnd.Support;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>Fault matrix, API rows: 429 storms, 5xx per endpoint. IPs 127.0.0.150–154.</summary>
public sealed class ApiFaultTests
{
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task InfraUp_When429StormEverySecondRequest_HonoursRetryAfterAndSucceeds()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.150", "127.0.0.151"], BootDelay);
        world.Emulator.Faults.Fail429EveryNthRequest = 2;
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1", "db-1");
        OneDropletPerHost(world, "app-1", "db-1");
        Assert.InRange(Answered(world, "GET", "/v2/", 429) + Answered(world, "POST", "/v2/", 429), 2, int.MaxValue);
        await ReRunConvergesAsync(world, "app-1", "db-1");
    }

    [Theory]
    [InlineData("GET", "/v2/droplets", false, 0, "127.0.0.152")]
    [InlineData("GET", "/v2/droplets/*", false, 4, "127.0.0.153")]
    [InlineData("POST", "/v2/droplets", true, 0, "127.0.0.154")]
    public async Task InfraUp_WhenEndpointAnswers500_RetriesOrReListsAndCreatesExactlyOnce(string method, string pattern, bool afterEffect, int listLagSeconds, string ip)
    {
        await using var world = await EndToEndWorld.CreateAsync([ip], BootDelay);
        // A lagging list makes the provider read the new droplet by id (GET /v2/droplets/{id}).
        world.Emulator.Faults.ListLag = TimeSpan.FromSeconds(listLagSeconds);
        world.Emulator.Faults.Add(new EndpointFault(method, pattern, EndpointFaultKind.ServerError, Count: afterEffect ? 1 : 2, AfterEffect: afterEffect));
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1");
        OneDropletPerHost(world, "app-1");
        Assert.Equal(0, world.Emulator.Faults.EndpointFaultsLeft);
        Assert.Equal(1, world.CreateRequests());
        await ReRunConvergesAsync(world, "app-1");
    }
}
