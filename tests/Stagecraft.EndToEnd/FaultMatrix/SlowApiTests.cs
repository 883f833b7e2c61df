using System.Text.RegularExpressions;
using Stagecraft.DoEmulator;
using Stagecraft.EndToEnd.Support;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>
/// Fault matrix, API row "slow responses beyond the client timeout": <c>request_timeout: 2s</c> and emulator answers
/// held for 5 s. A slow list is retried; a slow create is ambiguous, so it is never re-sent but re-listed and adopted.
/// IPs 127.0.0.186–127.0.0.189.
/// </summary>
public sealed class SlowApiTests
{
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task InfraUp_WhenDropletListSlowerThanRequestTimeout_RetriesAndCreatesOnce()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.186"], BootDelay);
        world.Emulator.Faults.Add(new EndpointFault("GET", "/v2/droplets", EndpointFaultKind.Delay, Count: 2, Delay: Slow));
        WriteConfigWithRequestTimeout(world, "2s");

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1");
        OneDropletPerHost(world, "app-1");
        Assert.Equal(0, world.Emulator.Faults.EndpointFaultsLeft);
        Assert.Equal(1, world.CreateRequests());
        Assert.Equal(2, Answered(world, "GET", "/v2/droplets?", 0)); // the client gave up on both slow lists
        await ReRunConvergesAsync(world, "app-1");
    }

    [Fact]
    public async Task InfraUp_WhenCreateAnswersAfterRequestTimeout_NeverResendsAndAdoptsTheDroplet()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.187"], BootDelay);
        world.Emulator.Faults.Add(new EndpointFault("POST", "/v2/droplets", EndpointFaultKind.Delay, Delay: Slow));
        WriteConfigWithRequestTimeout(world, "2s");

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1");
        OneDropletPerHost(world, "app-1");
        Assert.Equal(0, world.Emulator.Faults.EndpointFaultsLeft);
        Assert.Equal(1, world.CreateRequests());
        Assert.Equal(1, Answered(world, "POST", "/v2/droplets", 0)); // the client gave up on the slow create
        await ReRunConvergesAsync(world, "app-1");
    }

    /// <summary>The world's config cannot express <c>request_timeout</c>: the line goes under <c>digitalocean:</c>.</summary>
    private static void WriteConfigWithRequestTimeout(EndToEndWorld world, string value)
    {
        var path = world.WriteConfig([new("app-1", "app")]);
        var yaml = File.ReadAllText(path);
        var withTimeout = Regex.Replace(yaml, @"^( *)digitalocean:\n", m => $"{m.Value}{m.Groups[1].Value}  request_timeout: {value}\n", RegexOptions.Multiline);
        Assert.NotEqual(yaml, withTimeout);
        File.WriteAllText(path, withTimeout);
    }
}
