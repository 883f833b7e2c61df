using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>The checks every fault-matrix row makes: per-host results, the cloud's final state, a converging re-run.</summary>
internal static class FaultMatrixChecks
{
    /// <summary>Exit 0 and every host in the JSON report with <paramref name="provisioning"/> and bootstrap success.</summary>
    public static void Succeeded(CliResult run, string provisioning, params string[] hosts)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, run.Report().GetProperty("exit_code").GetInt32());
        Assert.Equal(hosts.Order(StringComparer.Ordinal), run.Report().GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        foreach (var host in hosts)
        {
            var report = run.Host(host);
            Assert.True(provisioning == report.GetProperty("provisioning").GetString(), $"{host}: {run}");
            Assert.True("success" == report.GetProperty("bootstrap").GetProperty("status").GetString(), $"{host}: {run}");
        }
    }

    /// <summary>The emulator holds exactly one droplet per host, named <c>staging-&lt;host&gt;</c>, and nothing else.</summary>
    public static void OneDropletPerHost(EndToEndWorld world, params string[] hosts) =>
        Assert.Equal(
            hosts.Select(EndToEndWorld.ResourceName).Order(StringComparer.Ordinal),
            world.Emulator.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));

    /// <summary>
    /// Turns every emulator fault off and runs again: exit 0, every host unchanged and bootstrapped, no create request,
    /// the same droplets as before.
    /// </summary>
    public static async Task ReRunConvergesAsync(EndToEndWorld world, params string[] hosts)
    {
        world.Emulator.Faults.Clear();
        var creates = world.CreateRequests();
        var droplets = world.Emulator.Droplets.Select(d => d.Id).ToList();

        var again = await world.RunInfraUpAsync("--output", "json");

        Succeeded(again, "unchanged", hosts);
        Assert.Equal(creates, world.CreateRequests());
        Assert.Equal(droplets, world.Emulator.Droplets.Select(d => d.Id));
        OneDropletPerHost(world, hosts);
    }

    /// <summary>Requests the emulator answered with <paramref name="status"/> (0 = connection aborted) for a method and path prefix.</summary>
    public static int Answered(EndToEndWorld world, string method, string pathPrefix, int status) =>
        world.Emulator.Requests.Count(r => r.Method == method && r.StatusCode == status && r.PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal));
}
