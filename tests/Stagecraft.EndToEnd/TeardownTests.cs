using System.Globalization;
using System.Text.Json;
using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>
/// <c>infra down</c> through the real CLI against the emulator and real test hosts: up, down, down again, up again.
/// IPs 127.0.14.1–8.
/// </summary>
public sealed class TeardownTests
{
    [Fact]
    public async Task UpDownUp_DeletesOnlyWhatTheConfigDeclaresAndTagsMark_ThenRecreatesAndPinsTheNewKeys()
    {
        await using var world = await EndToEndWorld.CreateAsync(
            ["127.0.14.1", "127.0.14.2", "127.0.14.3", "127.0.14.4", "127.0.14.5", "127.0.14.6", "127.0.14.7"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
        var up = await world.RunInfraUpAsync();
        await world.HostStartsSettledAsync();
        Assert.True(up.ExitCode == 0, up.ToString());
        var first = world.Emulator.Droplets.ToDictionary(d => d.Name, d => d.Id, StringComparer.Ordinal);
        var oldKeys = new[] { world.Host("app-1").HostPublicKey, world.Host("db-1").HostPublicKey };
        Assert.Contains("[127.0.14.1]:2222 ", File.ReadAllText(world.KnownHostsPath), StringComparison.Ordinal);
        Assert.NotNull(world.Host("app-1").ReadState("tailscale/logged-in"));

        // Outside what down may delete: another environment, an unmanaged droplet, and a declared name without our tags.
        var prod = world.Emulator.SeedDroplet("prod-app-1", ["stagecraft", "stagecraft-env-prod"]);
        var unmanaged = world.Emulator.SeedDroplet("staging-old-1", ["stagecraft", "stagecraft-env-staging"]);
        var byHand = world.Emulator.SeedDroplet("staging-web-1", ["team-web"]);
        world.WriteConfig([new("app-1", "app"), new("db-1", "db"), new("web-1", "app")]);
        var requests = world.Emulator.Requests.Count;

        var down = await world.RunInfraAsync("down", "--yes", "--output", "json");
        await world.HostStopsSettledAsync();

        Assert.True(down.ExitCode == 0, down.ToString());
        using (var report = JsonDocument.Parse(down.StandardOutput))
        {
            var hosts = report.RootElement.GetProperty("hosts");
            Assert.Equal(["deleted", "deleted", "not_managed"], hosts.EnumerateArray().Select(h => h.GetProperty("outcome").GetString()));
            Assert.All(hosts.EnumerateArray().Take(2), h =>
            {
                Assert.Equal("left", h.GetProperty("mesh_leave").GetProperty("status").GetString());
                Assert.True(h.GetProperty("pin_removed").GetBoolean());
            });
            Assert.Equal("kept", report.RootElement.GetProperty("unmanaged")[0].GetProperty("outcome").GetString());
        }

        var deletes = world.Emulator.Requests.Skip(requests).Where(r => r.Method == "DELETE").Select(r => r.PathAndQuery).Order(StringComparer.Ordinal);
        Assert.Equal([$"/v2/droplets/{Id(first["staging-app-1"])}", $"/v2/droplets/{Id(first["staging-db-1"])}"], deletes);
        Assert.Equal([prod.Id, unmanaged.Id, byHand.Id], world.Emulator.Droplets.Select(d => d.Id).Order());
        Assert.Null(world.DeletedHost("app-1").ReadState("tailscale/logged-in"));
        Assert.Null(world.DeletedHost("db-1").ReadState("tailscale/logged-in"));
        var pins = File.ReadAllText(world.KnownHostsPath);
        Assert.DoesNotContain("127.0.14.1", pins, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.14.2", pins, StringComparison.Ordinal);

        var again = await world.RunInfraAsync("down", "--yes", "--output", "json");
        Assert.True(again.ExitCode == 0, again.ToString());
        using (var report = JsonDocument.Parse(again.StandardOutput))
        {
            Assert.Equal(0, report.RootElement.GetProperty("summary").GetProperty("deleted").GetInt32());
            Assert.Equal(2, report.RootElement.GetProperty("summary").GetProperty("absent").GetInt32());
        }

        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
        var recreate = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Assert.True(recreate.ExitCode == 0, recreate.ToString());
        Assert.Equal("created", recreate.Host("app-1").GetProperty("provisioning").GetString());
        Assert.NotEqual(Id(first["staging-app-1"]), recreate.Host("app-1").GetProperty("id").GetString());
        Assert.Equal("success", recreate.Host("db-1").GetProperty("bootstrap").GetProperty("status").GetString());
        var newKeys = new[] { world.Host("app-1").HostPublicKey, world.Host("db-1").HostPublicKey };
        Assert.Empty(newKeys.Intersect(oldKeys));
        var repinned = File.ReadAllText(world.KnownHostsPath);
        foreach (var host in new[] { "app-1", "db-1" })
        {
            var ip = recreate.Host(host).GetProperty("public_ip").GetString();
            Assert.Contains($"[{ip}]:2222 {world.Host(host).HostPublicKey}", repinned, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutYesAndWithoutATerminal_RefusesAndDeletesNothing()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.14.8"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app")]);
        var up = await world.RunInfraUpAsync("--no-bootstrap");
        await world.HostStartsSettledAsync();
        Assert.True(up.ExitCode == 0, up.ToString());
        var requests = world.Emulator.Requests.Count;

        var down = await world.RunInfraAsync("down");

        Assert.Equal(1, down.ExitCode);
        Assert.Contains("pass --yes to confirm", down.StandardError, StringComparison.Ordinal);
        Assert.Equal(requests, world.Emulator.Requests.Count);
        Assert.Single(world.Emulator.Droplets);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
