using System.Text.Json;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd;

/// <summary>
/// <c>infra hosts</c> after a real <c>infra up</c>: the ssh_config works with the real OpenSSH client against the
/// pinned host keys, and the Ansible inventory reads back through the real <c>ansible-inventory</c>. IPs 127.0.12.1–5.
/// </summary>
public sealed class InventoryTests
{
    [Fact]
    public async Task SshConfig_IsWhatTheRealSshClientLogsInWith_CheckingThePinnedKeys()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.12.1", "127.0.12.2"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
        var up = await world.RunInfraUpAsync();
        await world.HostStartsSettledAsync();
        Assert.True(up.ExitCode == 0, up.ToString());
        var knownHosts = File.ReadAllText(world.KnownHostsPath);
        var requests = world.Emulator.Requests.Count;

        var hosts = await world.RunInfraAsync("hosts", "--format", "ssh-config");

        Assert.True(hosts.ExitCode == 0, hosts.ToString());
        Assert.Equal(string.Empty, hosts.StandardError);
        Assert.All(world.Emulator.Requests.Skip(requests), r => Assert.Equal("GET", r.Method));
        var file = Path.Combine(world.Directory, "ssh_config");
        File.WriteAllText(file, hosts.StandardOutput);

        var resolved = await Ssh(world, "-F", file, "-G", "staging-app-1");
        Assert.Contains("hostname 127.0.12.1\n", resolved, StringComparison.Ordinal);
        Assert.Contains($"port {EndToEndWorld.SshPort}\n", resolved, StringComparison.Ordinal);
        Assert.Contains("user root\n", resolved, StringComparison.Ordinal);
        Assert.Contains("stricthostkeychecking true\n", resolved, StringComparison.Ordinal);
        Assert.Contains($"userknownhostsfile {world.KnownHostsPath}\n", resolved, StringComparison.Ordinal);
        Assert.Contains($"identityfile {world.ClientKey.PrivateKeyPath}\n", resolved, StringComparison.Ordinal);

        foreach (var (name, host) in new[] { ("staging-app-1", "app-1"), ("staging-db-1", "db-1") })
        {
            var mark = HostLogs.Mark(world.Host(host));
            var login = await ProcessRunner.RunAsync("ssh", ["-F", file, "-o", "BatchMode=yes", name, "echo logged-in-as-$(id -un)"], null, CancellationToken.None);
            Assert.True(login.ExitCode == 0, $"{name}: ssh exit {login.ExitCode}: {login.StandardError}");
            Assert.Equal("logged-in-as-root\n", login.StandardOutput);
            Assert.Contains(mark.ExecSince(world.Host(host)), c => c.Contains("logged-in-as-", StringComparison.Ordinal));
        }

        Assert.Equal(knownHosts, File.ReadAllText(world.KnownHostsPath));
    }

    [Fact]
    public async Task SshConfig_WhenAHostKeyChanged_TheRealSshClientRefusesIt()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.12.3"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app")]);
        var up = await world.RunInfraUpAsync();
        await world.HostStartsSettledAsync();
        Assert.True(up.ExitCode == 0, up.ToString());
        var file = Path.Combine(world.Directory, "ssh_config");
        File.WriteAllText(file, (await world.RunInfraAsync("hosts", "--format", "ssh-config")).StandardOutput);
        await world.Host("app-1").RekeyAsync();
        var mark = HostLogs.Mark(world.Host("app-1"));

        var login = await ProcessRunner.RunAsync("ssh", ["-F", file, "-o", "BatchMode=yes", "staging-app-1", "true"], null, CancellationToken.None);

        Assert.Equal(255, login.ExitCode);
        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", login.StandardError, StringComparison.Ordinal);
        Assert.Empty(mark.ExecSince(world.Host("app-1")));
    }

    [Fact]
    public async Task Ansible_ReadsBackThroughAnsibleInventory_GroupedByEnvironmentAndRole()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.12.4", "127.0.12.5"], TimeSpan.FromSeconds(1));
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
        var up = await world.RunInfraUpAsync("--no-bootstrap");
        await world.HostStartsSettledAsync();
        Assert.True(up.ExitCode == 0, up.ToString());

        var hosts = await world.RunInfraAsync("hosts", "--format", "ansible");

        Assert.True(hosts.ExitCode == 0, hosts.ToString());
        var file = Path.Combine(world.Directory, "inventory.yml");
        File.WriteAllText(file, hosts.StandardOutput);
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = world.HomeDirectory,
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(world.Directory, "ansible-tmp"),
            ["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "true",
        };
        var list = await ProcessRunner.RunAsync("ansible-inventory", ["-i", file, "--list"], null, environment, CancellationToken.None);
        Assert.True(list.ExitCode == 0, $"ansible-inventory exit {list.ExitCode}: {list.StandardError}");

        using var document = JsonDocument.Parse(list.StandardOutput);
        var root = document.RootElement;
        Assert.Equal(["staging_app", "staging_db"], Strings(root.GetProperty("staging").GetProperty("children")));
        Assert.Equal(["staging-app-1"], Strings(root.GetProperty("staging_app").GetProperty("hosts")));
        Assert.Equal(["staging-db-1"], Strings(root.GetProperty("staging_db").GetProperty("hosts")));
        var app = root.GetProperty("_meta").GetProperty("hostvars").GetProperty("staging-app-1");
        var db = root.GetProperty("_meta").GetProperty("hostvars").GetProperty("staging-db-1");
        var ips = new[] { app, db }.Select(h => h.GetProperty("ansible_host").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["127.0.12.4", "127.0.12.5"], ips);
        Assert.Equal("root", app.GetProperty("ansible_user").GetString());
        Assert.Equal(EndToEndWorld.SshPort, app.GetProperty("ansible_port").GetInt32());
        Assert.Equal(world.ClientKey.PrivateKeyPath, app.GetProperty("ansible_ssh_private_key_file").GetString());
        Assert.Contains($"-o UserKnownHostsFile={world.KnownHostsPath} -o StrictHostKeyChecking=yes", app.GetProperty("ansible_ssh_common_args").GetString(), StringComparison.Ordinal);
        Assert.Equal($"staging-app-1.{EndToEndWorld.TailnetDomain}", app.GetProperty("stagecraft_mesh_fqdn").GetString());
        Assert.Equal("app", app.GetProperty("stagecraft_role").GetString());
        Assert.Equal("db", db.GetProperty("stagecraft_role").GetString());
    }

    private static async Task<string> Ssh(EndToEndWorld world, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("ssh", arguments, null, new Dictionary<string, string?> { ["HOME"] = world.HomeDirectory }, CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"ssh {string.Join(' ', arguments)}: exit {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)];
}
