using System.Text.Json;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Testing;
using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>
/// <c>infra status</c> against the emulator and real sshd test hosts (127.0.10.1-2): healthy after <c>infra up</c>,
/// a deleted droplet and a declared host never created make it exit 10, and status is read-only: known_hosts stays byte-identical, the
/// emulator sees only GET requests, and the hosts run only <c>docker version</c> and <c>tailscale status</c>.
/// </summary>
public sealed class StatusTests
{
    private static readonly ReportSchema Schema = ReportSchema.For("docs/schema/infra-status-report.schema.json");

    /// <summary>The exec channel strings of the only two commands status runs (the session closes stdin with <c>&lt;/dev/null</c>).</summary>
    private static readonly string[] ReadOnlyCommands =
    [
        RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: true) + " </dev/null",
        "tailscale status --json --peers=false </dev/null",
    ];

    [Fact]
    public async Task InfraStatus_AfterUp_IsHealthyAndReadOnly_AndAMissingDropletIsExit10()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.10.1", "127.0.10.2"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
        var up = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();
        Assert.True(up.ExitCode == 0, up.ToString());

        var knownHosts = File.ReadAllBytes(world.KnownHostsPath);
        var requests = world.Emulator.Requests.Count;
        var marks = new[] { "app-1", "db-1" }.ToDictionary(h => h, h => HostLogs.Mark(world.Host(h)));
        var first = await world.RunInfraAsync("status", "-o", "json");
        var second = await world.RunInfraAsync("status", "-o", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var report = Parse(first);
        foreach (var (host, index) in new[] { ("app-1", 0), ("db-1", 1) })
        {
            var entry = report.RootElement.GetProperty("hosts")[index];
            Assert.Equal(host, entry.GetProperty("name").GetString());
            Assert.True(entry.GetProperty("healthy").GetBoolean(), first.ToString());
            Assert.Equal("ok", entry.GetProperty("ssh").GetProperty("state").GetString());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("docker").GetProperty("server_version").GetString()), first.ToString());
            var mesh = entry.GetProperty("mesh");
            Assert.True(mesh.GetProperty("online").GetBoolean());
            Assert.Equal("Running", mesh.GetProperty("state").GetString());
            Assert.Equal(EndToEndWorld.TailnetDomain, mesh.GetProperty("tailnet").GetString());
            Assert.Equal($"{EndToEndWorld.ResourceName(host)}.{EndToEndWorld.TailnetDomain}", mesh.GetProperty("fqdn").GetString());
            Assert.Empty(entry.GetProperty("problems").EnumerateArray());
        }

        Assert.Equal(first.StandardOutput, second.StandardOutput);
        Assert.Equal(knownHosts, File.ReadAllBytes(world.KnownHostsPath));
        var served = world.Emulator.Requests.Skip(requests).ToList();
        Assert.NotEmpty(served);
        Assert.All(served, r => Assert.Equal("GET", r.Method));
        foreach (var (host, mark) in marks)
        {
            var exec = mark.ExecSince(world.Host(host));
            Assert.Equal(4, exec.Count);
            Assert.All(exec, c => Assert.Contains(c, ReadOnlyCommands));
            var commands = mark.CommandsSince(world.Host(host));
            Assert.DoesNotContain(commands, RecordedCommand.IsAptInstall);
            Assert.DoesNotContain(commands, c => RecordedCommand.IsTailscale(c, "up") || RecordedCommand.IsTailscale(c, "set") || RecordedCommand.IsTailscale(c, "logout"));
            Assert.DoesNotContain(commands, c => RecordedCommand.Words(c) is ["systemctl", ..] or ["usermod", ..]);
        }

        // db-1's droplet is deleted (infra down --host db-1), and a declared web-1 never had one: both missing, exit 10;
        // status still sends only GETs and writes no pin.
        var down = await world.RunInfraAsync("down", "--host", "db-1", "--yes", "--output", "json");
        await world.HostStopsSettledAsync();
        Assert.True(down.ExitCode == 0, down.ToString());
        world.WriteConfig([new("app-1", "app"), new("db-1", "db"), new("web-1", "app")]);
        knownHosts = File.ReadAllBytes(world.KnownHostsPath);
        requests = world.Emulator.Requests.Count;

        var missing = await world.RunInfraAsync("status", "-o", "json");

        Assert.True(missing.ExitCode == 10, missing.ToString());
        using var missingReport = Parse(missing);
        var hosts = missingReport.RootElement.GetProperty("hosts");
        Assert.Equal(["app-1", "db-1", "web-1"], hosts.EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        Assert.True(hosts[0].GetProperty("healthy").GetBoolean(), missing.ToString());
        foreach (var gone in new[] { hosts[1], hosts[2] })
        {
            Assert.False(gone.GetProperty("exists").GetBoolean());
            Assert.Equal(JsonValueKind.Null, gone.GetProperty("ssh").ValueKind);
            Assert.Equal(["does not exist: stagecraft infra up creates it"], gone.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        }

        Assert.All(world.Emulator.Requests.Skip(requests), r => Assert.Equal("GET", r.Method));
        Assert.Equal(knownHosts, File.ReadAllBytes(world.KnownHostsPath));
        Assert.Equal(["staging-app-1"], world.Emulator.Droplets.Select(d => d.Name));
    }

    [Fact]
    public async Task InfraStatus_FirstSeenHostKey_IsNotPinned_AndNeverWritten_NoSshIsCloudOnly()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.10.3"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app")]);
        var up = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();
        Assert.True(up.ExitCode == 0, up.ToString());
        File.Delete(world.KnownHostsPath);
        var mark = HostLogs.Mark(world.Host("app-1"));
        var unpinned = await world.RunInfraAsync("status", "-o", "json");
        var cloudOnly = await world.RunInfraAsync("status", "-o", "json", "--no-ssh");

        Assert.True(unpinned.ExitCode == 10, unpinned.ToString());
        using var report = Parse(unpinned);
        var ssh = report.RootElement.GetProperty("hosts")[0].GetProperty("ssh");
        Assert.Equal("not_pinned", ssh.GetProperty("state").GetString());
        Assert.Contains(HostKeyFingerprint.Sha256(world.Host("app-1").HostPublicKey), ssh.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(world.KnownHostsPath));
        Assert.Empty(mark.ExecSince(world.Host("app-1")));
        Assert.True(cloudOnly.ExitCode == 0, cloudOnly.ToString());
        using var cloud = Parse(cloudOnly);
        Assert.Equal(JsonValueKind.Null, cloud.RootElement.GetProperty("hosts")[0].GetProperty("ssh").ValueKind);
    }

    private static JsonDocument Parse(CliResult result)
    {
        Schema.Validate(result.StandardOutput);
        return JsonDocument.Parse(result.StandardOutput);
    }
}
