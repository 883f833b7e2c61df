using Stagecraft.DoEmulator;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>Fault matrix, API rows on existing droplets: 5xx from tagging and from droplet actions. IPs 127.0.0.156–157.</summary>
public sealed class ReconcileFaultTests
{
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task InfraUp_WhenTaggingAnswers500AfterTagging_RetriesAndReconciles()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.156"], BootDelay);
        var seeded = world.Emulator.SeedDroplet(EndToEndWorld.ResourceName("app-1"), ["stagecraft"]);
        await world.StartHostAsync(seeded.Name, new TestHostOptions { Address = seeded.PublicIp! });
        world.Emulator.Faults.Add(new EndpointFault("POST", "/v2/tags/*/resources", EndpointFaultKind.ServerError, Count: 2, AfterEffect: true));
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");

        Succeeded(run, "reconciled", "app-1");
        Assert.Equal(["add tag stagecraft-env-staging"], run.Host("app-1").GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["stagecraft", "stagecraft-env-staging"], world.Emulator.Droplets.Single().Tags.Order(StringComparer.Ordinal));
        Assert.Equal(2, Answered(world, "POST", "/v2/tags/", 500));
        OneDropletPerHost(world, "app-1");
        Assert.Equal(0, world.CreateRequests());
        await ReRunConvergesAsync(world, "app-1");
    }

    [Fact]
    public async Task InfraUp_WhenPowerOnActionAnswers500AfterStarting_WaitsForTheDropletAndBootstraps()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.157"], BootDelay);
        world.Emulator.SeedDroplet(EndToEndWorld.ResourceName("app-1"), ["stagecraft", "stagecraft-env-staging"], status: "off");
        world.Emulator.Faults.Add(new EndpointFault("POST", "/v2/droplets/*/actions", EndpointFaultKind.ServerError, Count: 1, AfterEffect: true));
        world.WriteConfig([new("app-1", "app")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "reconciled", "app-1");
        Assert.Equal(1, Answered(world, "POST", "/v2/droplets/3000000001/actions", 500));
        Assert.Equal("active", world.Emulator.Droplets.Single().Status);
        OneDropletPerHost(world, "app-1");
        await ReRunConvergesAsync(world, "app-1");
    }
}
