using Stagecraft.DoEmulator;
using Stagecraft.EndToEnd.Support;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>Fault matrix, API rows with broken responses: HTML 502 pages, connections reset mid-response. IPs 127.0.0.158–159.</summary>
public sealed class BrokenResponseTests
{
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task InfraUp_WhenApiAnswersHtml502Pages_RetriesAndSucceeds()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.158"], BootDelay);
        world.Emulator.Faults.Add(new EndpointFault("GET", "/v2/droplets", EndpointFaultKind.HtmlBadGateway, Count: 2));
        world.Emulator.Faults.Add(new EndpointFault("GET", "/v2/account/keys", EndpointFaultKind.HtmlBadGateway, Count: 1));
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1");
        Assert.Equal(3, Answered(world, "GET", "/v2/", 502));
        OneDropletPerHost(world, "app-1");
        Assert.Equal(1, world.CreateRequests());
        await ReRunConvergesAsync(world, "app-1");
    }

    [Fact]
    public async Task InfraUp_WhenConnectionsResetMidResponse_RetriesReadsAndAdoptsTheAmbiguousCreate()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.159"], BootDelay);
        world.Emulator.Faults.Add(new EndpointFault("GET", "/v2/droplets", EndpointFaultKind.AbortConnection, Count: 2, AfterEffect: true));
        world.Emulator.Faults.Add(new EndpointFault("POST", "/v2/droplets", EndpointFaultKind.AbortConnection, Count: 1, AfterEffect: true));
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1");
        Assert.Equal(0, world.Emulator.Faults.EndpointFaultsLeft);
        Assert.Equal(1, Answered(world, "POST", "/v2/droplets", 0));
        OneDropletPerHost(world, "app-1");
        Assert.Equal(1, world.CreateRequests());
        await ReRunConvergesAsync(world, "app-1");
    }
}
