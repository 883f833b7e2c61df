using Stagecraft.DoEmulator;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>
/// Fault matrix, API row "the API restarts mid-run": the CLI talks to its own emulator with a state file, which is
/// stopped right after the create and started again on the same port. IP 127.0.0.166.
/// </summary>
public sealed class EmulatorRestartTests
{
    private const string Ip = "127.0.0.166";

    [Fact]
    public async Task InfraUp_WhenApiRestartsAfterTheCreate_RidesItOutAndNothingIsCreatedTwice()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.167"], TimeSpan.FromSeconds(1));
        var options = new EmulatorOptions
        {
            Tokens = [world.DoToken],
            BootDelay = TimeSpan.FromSeconds(3),
            ActionDelay = TimeSpan.FromMilliseconds(200),
            PublicIpPool = [Ip],
            SshKeys = [EmulatorSshKey.FromPublicKey(512190, "deploy-key", world.ClientKey.PublicKey)],
            StateFile = Path.Combine(world.Directory, "cloud-state.json"),
        };
        var hostStart = 0;
        var hostStarted = new TaskCompletionSource<SshTestHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnActive(EmulatorDroplet droplet)
        {
            if (Interlocked.Exchange(ref hostStart, 1) == 0)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        hostStarted.SetResult(await world.StartHostAsync(droplet.Name, new TestHostOptions { Address = droplet.PublicIp! }));
                    }
                    catch (Exception exception) when (exception is InvalidOperationException or IOException)
                    {
                        hostStarted.SetException(exception);
                    }
                });
            }
        }

        var first = await DoEmulatorServer.StartAsync(options);
        var firstStopped = false;
        DoEmulatorServer? second = null;
        try
        {
            first.DropletBecameActive += OnActive;
            var path = world.WriteConfig([new("app-1", "app")]);
            File.WriteAllText(path, File.ReadAllText(path).Replace(world.Emulator.BaseUrl.ToString(), first.BaseUrl.ToString(), StringComparison.Ordinal));

            using var process = world.StartInfraUp(["--output", "json"]);
            await Eventually.UntilAsync(() => first.Droplets.Count == 1, TimeSpan.FromSeconds(30), "the droplet to be created");
            first.DropletBecameActive -= OnActive;
            await first.DisposeAsync();
            firstStopped = true;
            second = await DoEmulatorServer.StartAsync(options, first.BaseUrl.Port);
            second.DropletBecameActive += OnActive;
            var run = await process.WaitAsync(TimeSpan.FromSeconds(90));
            await hostStarted.Task;

            FaultMatrixChecks.Succeeded(run, "created", "app-1");
            Assert.Equal(Ip, run.Host("app-1").GetProperty("public_ip").GetString());
            Assert.Equal(1, first.Requests.Count(r => r.Method == "POST" && r.PathAndQuery == "/v2/droplets"));
            Assert.Contains(second.Requests, r => r.Method == "GET" && r.StatusCode == 200);
            Assert.DoesNotContain(second.Requests, r => r.Method == "POST");
            Assert.Equal(["staging-app-1"], second.Droplets.Select(d => d.Name));

            var again = await world.RunInfraUpAsync("--output", "json");

            FaultMatrixChecks.Succeeded(again, "unchanged", "app-1");
            Assert.DoesNotContain(second.Requests, r => r.Method == "POST");
            Assert.Equal(["staging-app-1"], second.Droplets.Select(d => d.Name));
            Assert.Empty(world.Emulator.Requests);
        }
        finally
        {
            if (!firstStopped)
            {
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                second.DropletBecameActive -= OnActive;
                await second.DisposeAsync();
            }
        }
    }
}
