using Stagecraft.DoEmulator;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd;

/// <summary>
/// <c>ssh_keys</c> through the real CLI: a teammate's account key listed there is installed on the new droplet (the
/// test host accepts the keys the create named, as the real API installs them), so the teammate logs in with the real
/// OpenSSH client. IPs 127.0.17.1–2.
/// </summary>
public sealed class SshKeysTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AListedAccountKey_CanLogInToTheNewHost_AndAnUnlistedOneCannot(bool listed)
    {
        var directory = Directory.CreateTempSubdirectory("stagecraft-teammate-").FullName;
        try
        {
            var teammate = await TestClientKey.CreateAsync(directory);
            await using var world = await EndToEndWorld.CreateAsync(
                [listed ? "127.0.17.1" : "127.0.17.2"],
                TimeSpan.FromSeconds(1),
                o => o with { SshKeys = [.. o.SshKeys, EmulatorSshKey.FromPublicKey(512191, "teammate", teammate.PublicKey)] });
            world.WriteConfig([new("app-1", "app")], new ConfigSettings { DigitalOceanExtra = listed ? "ssh_keys: [teammate]" : string.Empty });

            var up = await world.RunInfraUpAsync("--no-bootstrap");
            await world.HostStartsSettledAsync();
            Assert.True(up.ExitCode == 0, up.ToString());

            var ip = world.Emulator.Droplets.Single().PublicIp!;
            var login = await ProcessRunner.RunAsync(
                "ssh",
                ["-i", teammate.PrivateKeyPath, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                 "-o", $"UserKnownHostsFile={Path.Combine(directory, "known_hosts")}", "-p", EndToEndWorld.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 $"root@{ip}", "true"],
                null,
                CancellationToken.None);

            Assert.True(listed == (login.ExitCode == 0), $"listed {listed}: ssh exit {login.ExitCode}: {login.StandardError}");
            Assert.Equal(listed ? 2 : 1, world.Emulator.Droplets.Single().SshPublicKeys.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
