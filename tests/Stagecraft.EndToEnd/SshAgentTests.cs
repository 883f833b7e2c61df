using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd;

/// <summary>
/// The real CLI with <c>agent: true</c>: logging in with the key a real ssh-agent holds (no key file, not even the
/// default one), and a preflight that fails (exit 1, nothing created) when SSH_AUTH_SOCK is unset.
/// </summary>
public sealed class SshAgentTests
{
    [Fact]
    public async Task InfraUp_WithAgentOnly_LogsInWithTheAgentKeyAndBootstraps()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.6.10"], TimeSpan.FromSeconds(1));
        await using var agent = await SshAgentProcess.StartAsync(Path.Combine(world.Directory, "agent.sock"));
        await agent.AddAsync(world.ClientKey.PrivateKeyPath);
        world.WriteConfig([new("app-1", "app")], new ConfigSettings { Agent = true, OmitPrivateKeyPath = true });
        Assert.False(File.Exists(Path.Combine(world.HomeDirectory, ".ssh", "id_ed25519")));

        var run = await world.RunInfraUpAsync(["--output", "json"], new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = agent.SocketPath });
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("success", run.Host("app-1").GetProperty("bootstrap").GetProperty("status").GetString());
        var log = world.Host("app-1").ReadState("sshd.log") ?? string.Empty;
        Assert.Contains("Accepted publickey for root from ", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InfraUp_WithAgentAndSshAuthSockUnset_Exits1NamingTheAgentKeyAndCreatesNothing(bool dryRun)
    {
        await using var world = await EndToEndWorld.CreateAsync([dryRun ? "127.0.6.11" : "127.0.6.12"], TimeSpan.FromSeconds(1));
        var config = world.WriteConfig([new("app-1", "app")], new ConfigSettings { Agent = true, OmitPrivateKeyPath = true });
        var line = Array.FindIndex(File.ReadAllLines(config), l => l.Trim() == "agent: true") + 1;
        string[] arguments = dryRun ? ["--dry-run"] : [];

        var run = await world.RunInfraUpAsync(arguments, new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = null });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(
            $"{config}:{line}:14: infra.bootstrap.ssh.agent: is true, but SSH_AUTH_SOCK is not set: start an ssh-agent and add your key with ssh-add, or set agent: false",
            run.StandardOutput + run.StandardError,
            StringComparison.Ordinal);
        Assert.Equal(0, world.CreateRequests());
    }
}
