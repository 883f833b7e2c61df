using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>The network preflight through the real CLI: a missing auth key stops the run before anything is created. IPs 127.0.9.1–2.</summary>
public sealed class NetworkPreflightTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InfraUp_WhenTheAuthKeyVariableIsUnset_Exits3WithTheFindingAndCreatesNothing(bool dryRun)
    {
        await using var world = await EndToEndWorld.CreateAsync([dryRun ? "127.0.9.1" : "127.0.9.2"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app")]);
        string[] arguments = dryRun ? ["--dry-run", "--output", "json"] : ["--output", "json"];

        var run = await world.RunInfraUpAsync(arguments, new Dictionary<string, string?> { ["TS_AUTHKEY"] = null });

        Assert.True(run.ExitCode == 3, run.ToString());
        var finding = Assert.Single(run.Report().GetProperty("error").GetProperty("findings").EnumerateArray());
        Assert.Equal("network", finding.GetProperty("scope").GetString());
        Assert.StartsWith("tailscale auth key missing: environment variable TS_AUTHKEY", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["app-1"], finding.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(0, world.CreateRequests());
        Assert.Empty(world.Emulator.Droplets);
    }
}
