using Stagecraft.EndToEnd.Support;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>Fault matrix, create and account rows: lost create responses, wrong token, droplet limit. IPs 127.0.0.161–165.</summary>
public sealed class CreateFaultTests
{
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task InfraUp_WhenCreateResponseIsLostAndListsLag_AdoptsExactlyOneDropletEach()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.161", "127.0.0.162"], BootDelay);
        world.Emulator.Faults.LoseCreateResponseFor("staging-app-1", "staging-db-1");
        world.Emulator.Faults.ListLag = TimeSpan.FromSeconds(2);
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1", "db-1");
        Assert.Equal(1, world.CreateRequests());
        Assert.Equal(1, Answered(world, "POST", "/v2/droplets", 500));
        OneDropletPerHost(world, "app-1", "db-1");
        await ReRunConvergesAsync(world, "app-1", "db-1");
    }

    [Fact]
    public async Task InfraUp_WhenTokenIsWrong_ExitsTwoWith401AndCreatesNothing()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.163"], BootDelay);
        world.WriteConfig([new("app-1", "app")]);
        const string wrongToken = "wrong-token-0123456789";

        var run = await world.RunInfraUpAsync(["--output", "json"], new Dictionary<string, string?> { ["DO_TOKEN"] = wrongToken });

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = run.Report().GetProperty("error");
        Assert.Equal("cloud_provider", error.GetProperty("kind").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("HTTP 401 unauthorized", message, StringComparison.Ordinal);
        Assert.Contains("Unable to authenticate you.", message, StringComparison.Ordinal);
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.All(world.Emulator.Requests, r => Assert.Equal(401, r.StatusCode));
        Assert.Single(world.Emulator.Requests);
        Assert.Empty(world.Emulator.Droplets);

        var fixedToken = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(fixedToken, "created", "app-1");
        OneDropletPerHost(world, "app-1");
        await ReRunConvergesAsync(world, "app-1");
    }

    [Fact]
    public async Task InfraUp_WhenTheLimitWouldBeExceeded_PreflightRefusesBeforeAnyCreate()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.164", "127.0.0.165"], BootDelay);
        world.Emulator.Faults.DropletLimit = 1;
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);

        var run = await world.RunInfraUpAsync("--output", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        var report = run.Report();
        var error = report.GetProperty("error");
        Assert.Equal("cloud_provider", error.GetProperty("kind").GetString());
        var finding = Assert.Single(error.GetProperty("findings").EnumerateArray());
        Assert.StartsWith("the account's droplet_limit is 1 and it has 0 droplets; creating 2 more needs 2", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(report.GetProperty("hosts").EnumerateArray(), h => Assert.Equal("failed", h.GetProperty("provisioning").GetString()));
        Assert.Equal(0, world.CreateRequests());
        Assert.All(world.Emulator.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task InfraUp_WhenDropletLimitIsReachedAfterPreflight_ExitsTwoNamingTheHostsNotCreated()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.164", "127.0.0.165"], BootDelay);
        world.Emulator.Faults.DropletLimit = 1;
        world.Emulator.Faults.ReportedDropletLimit = 10;
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);

        var run = await world.RunInfraUpAsync("--output", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = run.Report().GetProperty("error");
        Assert.Equal("cloud_provider", error.GetProperty("kind").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("HTTP 422 unprocessable_entity", message, StringComparison.Ordinal);
        Assert.Contains("creating this/these droplet(s) will exceed your droplet limit", message, StringComparison.Ordinal);
        Assert.EndsWith("; not created: staging-app-1, staging-db-1", message, StringComparison.Ordinal);
        Assert.Empty(world.Emulator.Droplets);
        Assert.Equal(1, world.CreateRequests());

        world.Emulator.Faults.Clear();
        var raised = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(raised, "created", "app-1", "db-1");
        OneDropletPerHost(world, "app-1", "db-1");
        await ReRunConvergesAsync(world, "app-1", "db-1");
    }
}
