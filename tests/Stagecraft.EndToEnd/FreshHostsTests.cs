using System.Text.Json;
using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>Scenarios 1 and 8: fresh hosts are created and bootstrapped; a second run changes nothing; no secret leaks.</summary>
public sealed class FreshHostsTests
{
    private static readonly string[] Ips = ["127.0.0.60", "127.0.0.61", "127.0.0.62", "127.0.0.63"];

    private static readonly ConfigHost[] AppAndDb = [new("app-1", "app"), new("db-1", "db")];

    [Fact]
    public async Task InfraUp_WhenHostsAreFresh_CreatesAndBootstrapsThenSecondRunChangesNothing()
    {
        await using var world = await EndToEndWorld.CreateAsync(Ips, TimeSpan.FromSeconds(1));
        world.WriteConfig(AppAndDb);

        var first = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        AssertCreatedAndBootstrapped(world, first, "app-1", "app", "127.0.0.60", "tag:app,tag:stagecraft");
        AssertCreatedAndBootstrapped(world, first, "db-1", "db", "127.0.0.61", "tag:db,tag:stagecraft");
        var creates = world.CreateRequests();
        Assert.InRange(creates, 1, 2);
        Assert.Equal(["staging-app-1", "staging-db-1"], world.Emulator.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));

        var marks = world.Hosts.ToDictionary(h => h.Key, h => HostLogs.Mark(h.Value));
        var second = await world.RunInfraUpAsync("--output", "json");

        Assert.True(second.ExitCode == 0, second.ToString());
        foreach (var name in new[] { "app-1", "db-1" })
        {
            var host = second.Host(name);
            Assert.Equal("unchanged", host.GetProperty("provisioning").GetString());
            Assert.Equal("success", host.GetProperty("bootstrap").GetProperty("status").GetString());
            Assert.Equal($"staging-{name}.example.ts.net", host.GetProperty("mesh_fqdn").GetString());
        }

        Assert.Equal(creates, world.CreateRequests());
        Assert.Equal(2, world.Emulator.Droplets.Count);
        foreach (var (resourceName, mark) in marks)
        {
            var commands = mark.CommandsSince(world.Hosts[resourceName]);
            Assert.NotEmpty(mark.ExecSince(world.Hosts[resourceName]));
            Assert.DoesNotContain(commands, RecordedCommand.IsAptInstall);
            Assert.DoesNotContain(commands, c => RecordedCommand.IsTailscale(c, "up"));
            Assert.DoesNotContain(commands, c => c.StartsWith("curl", StringComparison.Ordinal));
        }

        var third = await world.RunInfraUpAsync();
        var fourth = await world.RunInfraUpAsync();

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal(third.StandardOutput, fourth.StandardOutput);
        Assert.Equal(
            "app-1  staging-app-1  id 3000000001  ip 127.0.0.60  unchanged  bootstrap success\n" +
            "db-1   staging-db-1   id 3000000002  ip 127.0.0.61  unchanged  bootstrap success\n" +
            "summary: environment staging: 0 created, 2 unchanged, 0 reconciled, 0 drifted; bootstrap: 2 succeeded, 0 failed, 0 skipped\n",
            third.StandardOutput);
        Assert.Equal(creates, world.CreateRequests());
    }

    [Fact]
    public async Task InfraUp_WhenVerbose_NeverShowsTheTokenOrAuthKeyButDeliversTheKey()
    {
        await using var world = await EndToEndWorld.CreateAsync(Ips[2..], TimeSpan.FromSeconds(1));
        world.WriteConfig(AppAndDb);

        var run = await world.RunInfraUpAsync("--verbose", "--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotEmpty(run.StandardError);
        var places = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["stdout"] = run.StandardOutput,
            ["stderr"] = run.StandardError,
            ["known_hosts"] = File.ReadAllText(world.KnownHostsPath),
        };
        Assert.Equal(2, world.Hosts.Count);
        foreach (var (name, host) in world.Hosts)
        {
            places[$"{name} exec.log"] = string.Join('\n', host.ExecLog());
            places[$"{name} commands.log"] = string.Join('\n', host.CommandsLog());
            places[$"{name} sshd.log"] = host.ReadState("sshd.log") ?? string.Empty;
            Assert.Equal(world.AuthKey, host.ReadState("tailscale/received-authkey")?.Trim());
        }

        foreach (var (place, text) in places)
        {
            Assert.False(text.Contains(world.DoToken, StringComparison.Ordinal), $"the DigitalOcean token appears in {place}");
            Assert.False(text.Contains(world.AuthKey, StringComparison.Ordinal), $"the Tailscale auth key appears in {place}");
        }
    }

    private static void AssertCreatedAndBootstrapped(EndToEndWorld world, CliResult result, string name, string role, string ip, string tags)
    {
        var resourceName = EndToEndWorld.ResourceName(name);
        var report = result.Host(name);
        Assert.Equal(resourceName, report.GetProperty("resource_name").GetString());
        Assert.Equal(role, report.GetProperty("role").GetString());
        Assert.Equal(ip, report.GetProperty("public_ip").GetString());
        Assert.Equal("created", report.GetProperty("provisioning").GetString());
        Assert.Equal(["stagecraft", "stagecraft-env-staging"], report.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal($"{resourceName}.example.ts.net", report.GetProperty("mesh_fqdn").GetString());
        var bootstrap = report.GetProperty("bootstrap");
        Assert.Equal("success", bootstrap.GetProperty("status").GetString());
        Assert.Equal(string.Empty, bootstrap.GetProperty("error_code").GetString());
        Assert.Equal(JsonValueKind.String, bootstrap.GetProperty("message").ValueKind);

        var host = world.Host(name);
        var commands = host.CommandsLog();
        Assert.Contains(commands, c => RecordedCommand.IsAptInstall(c)
            && RecordedCommand.Words(c).Contains("docker-ce")
            && c.EndsWith(" ## DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a", StringComparison.Ordinal));
        Assert.Contains(commands, c => RecordedCommand.IsTailscale(c, "up"));
        Assert.True(host.StateExists("docker/running"), "docker is not running");
        Assert.Equal(resourceName, host.ReadState("tailscale/hostname")?.Trim());
        Assert.Equal(tags, host.ReadState("tailscale/tags")?.Trim());
        Assert.Equal(EndToEndWorld.TailnetDomain, host.ReadState("tailscale/tailnet")?.Trim());
    }
}
