using System.Net.Sockets;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>Fault matrix, SSH rows: refused until late, wrong key, MaxStartups throttling. IPs 127.0.0.170–175.</summary>
public sealed class SshFaultTests
{
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task InfraUp_WhenSshIsRefusedUntilSecondsAfterActive_WaitsAndBootstraps()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.170"], BootDelay);
        world.OnActive("app-1", HostBehavior.Default with { StartDelay = TimeSpan.FromSeconds(3) });
        world.WriteConfig([new("app-1", "app")], new ConfigSettings { ReadyTimeout = "30s" });

        var run = await world.RunInfraUpAsync("--output", "json");
        await world.HostStartsSettledAsync();

        Succeeded(run, "created", "app-1");
        OneDropletPerHost(world, "app-1");
        await ReRunConvergesAsync(world, "app-1");
    }

    [Fact]
    public async Task InfraUp_WhenHostAuthorizesAnotherKey_FailsThatHostWithSshFailedAfterReadyTimeout()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.171", "127.0.0.172"], BootDelay);
        var otherKey = await TestClientKey.CreateAsync(Path.Combine(world.Directory, "other-client"));
        // Both hosts are up before their droplets exist, at the addresses the droplets will get (so the 4 s ready
        // timeout never races a host start on a loaded machine); app-1 trusts only another key.
        world.OnActive("app-1", HostBehavior.NeverStarts);
        world.OnActive("db-1", HostBehavior.NeverStarts);
        var host = await world.StartHostAsync(EndToEndWorld.ResourceName("app-1"), new TestHostOptions { Address = "127.0.0.171" });
        await world.StartHostAsync(EndToEndWorld.ResourceName("db-1"), new TestHostOptions { Address = "127.0.0.172" });
        var authorizedKeys = Path.Combine(host.StateDirectory, "authorized_keys");
        var rightKey = File.ReadAllText(authorizedKeys);
        File.WriteAllText(authorizedKeys, otherKey.PublicKey + "\n");
        world.WriteConfig([new("app-1", "app"), new("db-1", "db")], new ConfigSettings { ReadyTimeout = "4s" });

        var started = DateTimeOffset.UtcNow;
        var run = await world.RunInfraUpAsync("--output", "json");
        var elapsed = DateTimeOffset.UtcNow - started;
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == 10, run.ToString());
        Assert.Equal(10, run.Report().GetProperty("exit_code").GetInt32());
        var bootstrap = run.Host("app-1").GetProperty("bootstrap");
        Assert.Equal("failed", bootstrap.GetProperty("status").GetString());
        Assert.Equal("ssh_failed", bootstrap.GetProperty("error_code").GetString());
        Assert.StartsWith("no SSH on 127.0.0.171:2222 after 4s: authentication failed for root@127.0.0.171:2222 with key ", bootstrap.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("created", run.Host("app-1").GetProperty("provisioning").GetString());
        Assert.Equal("success", run.Host("db-1").GetProperty("bootstrap").GetProperty("status").GetString());
        Assert.True(elapsed >= TimeSpan.FromSeconds(4), $"gave up after {elapsed}, before ready_timeout (4s)");
        Assert.Empty(host.ExecLog());
        OneDropletPerHost(world, "app-1", "db-1");

        File.WriteAllText(authorizedKeys, rightKey);
        var again = await world.RunInfraUpAsync("--output", "json");

        Succeeded(again, "unchanged", "app-1", "db-1");
        OneDropletPerHost(world, "app-1", "db-1");
        await ReRunConvergesAsync(world, "app-1", "db-1");
    }

    [Fact]
    public async Task InfraUp_WhenSshdThrottlesStartupsWhileAnotherClientHoldsTheSlot_RetriesAndBootstraps()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.173"], BootDelay);
        world.OnActive("app-1", HostBehavior.NeverStarts);
        var host = await world.StartHostAsync(
            EndToEndWorld.ResourceName("app-1"),
            new TestHostOptions { Address = "127.0.0.173", MaxStartups = "1:100:1" });
        world.WriteConfig([new("app-1", "app")], new ConfigSettings { ReadyTimeout = "30s" });

        // Another client holds sshd's only unauthenticated slot while the CLI starts connecting.
        using (var squatter = await HoldStartupSlotAsync("127.0.0.173"))
        {
            using var process = world.StartInfraUp(["--output", "json"]);
            await Eventually.UntilAsync(
                () => (host.ReadState("sshd.log") ?? string.Empty).Contains("past MaxStartups", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30),
                "sshd to drop a connection past MaxStartups");
            squatter.Close();
            var run = await process.WaitAsync(TimeSpan.FromSeconds(90));

            Succeeded(run, "created", "app-1");
        }

        OneDropletPerHost(world, "app-1");
        await ReRunConvergesAsync(world, "app-1");
    }

    /// <summary>An unauthenticated connection that got sshd's banner; retried while the start script's own probe still holds the slot.</summary>
    private static async Task<TcpClient> HoldStartupSlotAsync(string address)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(address, EndToEndWorld.SshPort);
                var banner = new byte[7];
                await client.GetStream().ReadExactlyAsync(banner);
                if ("SSH-2.0"u8.SequenceEqual(banner))
                {
                    return client;
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException && DateTimeOffset.UtcNow < deadline)
            {
                // Dropped past MaxStartups: another connection still holds the slot.
            }

            client.Dispose();
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"could not hold an SSH startup slot on {address}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
