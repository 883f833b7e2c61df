using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>
/// The cloud firewall through the real CLI: the emulator enforces it on the test hosts (a host no rule admits SSH to
/// from the client's address has its sshd refusing). IPs 127.0.16.1–3.
/// </summary>
public sealed class FirewallTests
{
    private static readonly string[] Mutating = ["POST", "PUT", "DELETE"];

    [Fact]
    public async Task FirewallAdmittingTheOperator_IsCreatedBeforeTheHosts_AReRunMakesNoMutatingRequest_AndOnlyDownWithIncludeFirewallDeletesIt()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.16.1", "127.0.16.2"], TimeSpan.FromSeconds(1));
        var settings = new ConfigSettings { DigitalOceanExtra = "firewall:\n  ssh_sources: [127.0.0.1/32]\n  ports: [443]" };
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")], settings);

        var dry = await world.RunInfraUpAsync("--dry-run");
        var up = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.True(
            dry.StandardOutput.Contains("firewall: stagecraft-e2e-staging create\n  + inbound tcp 443 from 0.0.0.0/0, ::/0\n  + inbound tcp 2222 from 127.0.0.1/32\n", StringComparison.Ordinal),
            dry.StandardOutput);
        Assert.True(up.ExitCode == 0, up.ToString());
        var firewall = up.Report().GetProperty("firewall");
        Assert.Equal("created", firewall.GetProperty("action").GetString());
        Assert.Equal(0, firewall.GetProperty("warnings").GetArrayLength());
        var order = world.Emulator.Requests.Where(r => r.Method == "POST").Select(r => r.PathAndQuery).ToList();
        Assert.True(order.IndexOf("/v2/firewalls") < order.IndexOf("/v2/droplets"), string.Join(", ", order));
        Assert.Equal("success", up.Host("app-1").GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.False(world.IsFirewalled("app-1"));

        var before = world.Emulator.Requests.Count;
        var again = await world.RunInfraUpAsync("--output", "json");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("unchanged", again.Report().GetProperty("firewall").GetProperty("action").GetString());
        Assert.DoesNotContain(world.Emulator.Requests.Skip(before), r => Mutating.Contains(r.Method));

        var down = await world.RunInfraAsync("down", "--yes");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Single(world.Emulator.Firewalls);
        var downWithFirewall = await world.RunInfraAsync("down", "--yes", "--include-firewall");
        Assert.True(downWithFirewall.ExitCode == 0, downWithFirewall.ToString());
        Assert.Contains("firewall: stagecraft-e2e-staging deleted\n", downWithFirewall.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(world.Emulator.Firewalls);
    }

    [Fact]
    public async Task FirewallLockingTheOperatorOut_FailsLoudly_NamingTheFirewall()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.16.3"], TimeSpan.FromSeconds(1));
        var settings = new ConfigSettings { ReadyTimeout = "5s", DigitalOceanExtra = "firewall:\n  ssh_sources: [198.51.100.0/24]" };
        world.WriteConfig([new("app-1", "app")], settings);

        var up = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(up.ExitCode == 10, up.ToString());
        Assert.True(world.IsFirewalled("app-1"));
        var bootstrap = up.Host("app-1").GetProperty("bootstrap");
        Assert.Equal("ssh_failed", bootstrap.GetProperty("error_code").GetString());
        Assert.Contains("the cloud firewall stagecraft-e2e-staging allows SSH on port 2222 only from 198.51.100.0/24", bootstrap.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
