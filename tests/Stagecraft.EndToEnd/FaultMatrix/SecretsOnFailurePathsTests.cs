using System.Diagnostics;
using System.Text;
using Stagecraft.DoEmulator;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>
/// Fault matrix, secrets rows: <c>infra up --verbose</c> through failure paths never shows the DigitalOcean token or
/// the Tailscale auth key — not on stdout or stderr, not in known_hosts, not in any file under the world's directory
/// (HOME, config, host state, exec.log, commands.log, sshd.log); only the host that joined holds the key, in
/// <c>tailscale/received-authkey</c>. IPs 127.0.0.92–98.
/// </summary>
public sealed class SecretsOnFailurePathsTests
{
    private const string ReceivedAuthKey = "received-authkey";
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData("docker-install-fails", 10)]
    [InlineData("tailscale-key-rejected", 10)]
    [InlineData("create-500-after-effect", 0)]
    [InlineData("create-response-lost", 0)]
    [InlineData("wrong-token-401", 2)]
    [InlineData("droplet-limit-422", 2)]
    public async Task InfraUpVerbose_WhenRunFails_NeverShowsTheTokenOrAuthKey(string failure, int expectedExitCode)
    {
        var wrongToken = "e2e-wrong-do-token-" + Guid.NewGuid().ToString("N");
        var rejectedOnlyKey = "e2e-other-ts-authkey-" + Guid.NewGuid().ToString("N");
        var environmentOverrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        string[] joined;
        string[] notJoined;
        await using var world = await CreateWorldAsync(failure);
        switch (failure)
        {
            case "docker-install-fails":
                world.OnActive("app-1", new HostBehavior
                {
                    Options = address => new TestHostOptions { Address = address, Faults = [TestHostFaults.DockerInstallFail] },
                });
                world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
                joined = ["db-1"];
                notJoined = ["app-1"];
                break;
            case "tailscale-key-rejected":
                world.OnActive("app-1", new HostBehavior
                {
                    Options = address => new TestHostOptions { Address = address, ValidAuthKey = rejectedOnlyKey },
                });
                world.WriteConfig([new("app-1", "app")]);
                joined = [];
                notJoined = ["app-1"];
                break;
            case "create-500-after-effect":
                world.Emulator.Faults.Add(new EndpointFault("POST", "/v2/droplets", EndpointFaultKind.ServerError, Count: 1, AfterEffect: true));
                world.WriteConfig([new("app-1", "app")]);
                joined = ["app-1"];
                notJoined = [];
                break;
            case "create-response-lost":
                world.Emulator.Faults.LoseCreateResponseFor("staging-app-1");
                world.WriteConfig([new("app-1", "app")]);
                joined = ["app-1"];
                notJoined = [];
                break;
            case "wrong-token-401":
                environmentOverrides["DO_TOKEN"] = wrongToken;
                world.WriteConfig([new("app-1", "app")]);
                joined = [];
                notJoined = [];
                break;
            case "droplet-limit-422":
                world.Emulator.Faults.DropletLimit = 1;
                world.Emulator.Faults.ReportedDropletLimit = 10;
                world.WriteConfig([new("app-1", "app"), new("db-1", "db")]);
                joined = [];
                notJoined = [];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, "unknown failure path");
        }

        var run = await world.RunInfraUpAsync(["--verbose"], environmentOverrides);
        await world.HostStartsSettledAsync();

        Assert.True(run.ExitCode == expectedExitCode, run.ToString());
        Assert.Contains("verbose: ", run.StandardError, StringComparison.Ordinal);
        AssertFailureHappened(failure, world, run);
        foreach (var host in joined)
        {
            Assert.Equal(world.AuthKey, world.Host(host).ReadState("tailscale/" + ReceivedAuthKey)?.Trim());
        }

        foreach (var host in notJoined)
        {
            Assert.Null(world.Host(host).ReadState("tailscale/" + ReceivedAuthKey));
        }

        Assert.Equal(joined.Length + notJoined.Length, world.Hosts.Count);

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["the DigitalOcean token"] = world.DoToken,
            ["the Tailscale auth key"] = world.AuthKey,
            ["the wrong DigitalOcean token"] = wrongToken,
        };
        var places = await PlacesAsync(world, run, joined);
        var leaks = new List<string>();
        foreach (var (place, bytes) in places)
        {
            foreach (var (secret, value) in secrets)
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0)
                {
                    leaks.Add($"{secret} appears in {place}");
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks) + "\n" + run);
    }

    private static Task<EndToEndWorld> CreateWorldAsync(string failure) => failure switch
    {
        "docker-install-fails" => EndToEndWorld.CreateAsync(["127.0.0.92", "127.0.0.93"], BootDelay),
        "tailscale-key-rejected" => EndToEndWorld.CreateAsync(["127.0.0.94"], BootDelay),
        "create-500-after-effect" => EndToEndWorld.CreateAsync(["127.0.0.95"], BootDelay),
        "create-response-lost" => EndToEndWorld.CreateAsync(["127.0.0.96"], BootDelay),
        "wrong-token-401" => EndToEndWorld.CreateAsync(["127.0.0.97"], BootDelay),
        _ => EndToEndWorld.CreateAsync(["127.0.0.98", "127.0.0.99"], BootDelay),
    };

    /// <summary>The run really went down the failure path (not merely exited with the expected code).</summary>
    private static void AssertFailureHappened(string failure, EndToEndWorld world, CliResult run)
    {
        var output = run.StandardOutput + run.StandardError;
        switch (failure)
        {
            case "docker-install-fails":
                Assert.Contains("Unable to locate package docker-ce", output, StringComparison.Ordinal);
                Assert.False(world.Host("app-1").StateExists("docker/running"), run.ToString());
                Assert.True(world.Host("db-1").StateExists("docker/running"), run.ToString());
                break;
            case "tailscale-key-rejected":
                Assert.Contains("invalid key", output, StringComparison.Ordinal);
                Assert.Contains(world.Host("app-1").CommandsLog(), c => RecordedCommand.IsTailscale(c, "up"));
                break;
            case "create-500-after-effect":
                Assert.Equal(1, world.CreateRequests());
                Assert.Equal(1, FaultMatrixChecks.Answered(world, "POST", "/v2/droplets", 500));
                FaultMatrixChecks.OneDropletPerHost(world, "app-1");
                break;
            case "create-response-lost":
                Assert.Equal(1, world.CreateRequests());
                Assert.Equal(1, FaultMatrixChecks.Answered(world, "POST", "/v2/droplets", 500));
                FaultMatrixChecks.OneDropletPerHost(world, "app-1");
                break;
            case "wrong-token-401":
                Assert.Contains("HTTP 401 unauthorized", output, StringComparison.Ordinal);
                Assert.All(world.Emulator.Requests, r => Assert.Equal(401, r.StatusCode));
                Assert.Empty(world.Emulator.Droplets);
                break;
            default:
                Assert.Contains("HTTP 422 unprocessable_entity", output, StringComparison.Ordinal);
                Assert.Empty(world.Emulator.Droplets);
                break;
        }
    }

    /// <summary>
    /// Everything the secrets must not be in: stdout, stderr, known_hosts, each host's logs (exec.log unescaped too) and
    /// every file under the world's directory except the auth key a joined host received.
    /// </summary>
    private static async Task<List<(string Place, byte[] Bytes)>> PlacesAsync(EndToEndWorld world, CliResult run, IReadOnlyCollection<string> joined)
    {
        var places = new List<(string, byte[])>
        {
            ("stdout", Encoding.UTF8.GetBytes(run.StandardOutput)),
            ("stderr", Encoding.UTF8.GetBytes(run.StandardError)),
            ("known_hosts", File.Exists(world.KnownHostsPath) ? File.ReadAllBytes(world.KnownHostsPath) : []),
        };
        foreach (var (name, host) in world.Hosts)
        {
            places.Add(($"{name} exec.log", Encoding.UTF8.GetBytes(string.Join('\n', host.ExecLog()))));
            places.Add(($"{name} commands.log", Encoding.UTF8.GetBytes(string.Join('\n', host.CommandsLog()))));
            places.Add(($"{name} sshd.log", Encoding.UTF8.GetBytes(host.ReadState("sshd.log") ?? string.Empty)));
        }

        var allowed = joined
            .Select(h => Path.Combine(world.HostsDirectory, EndToEndWorld.ResourceName(h), "tailscale", ReceivedAuthKey))
            .ToHashSet(StringComparer.Ordinal);
        var scanned = 0;
        foreach (var file in await RegularFilesAsync(world.Directory))
        {
            if (allowed.Contains(file))
            {
                continue;
            }

            places.Add((Path.GetRelativePath(world.Directory, file), File.ReadAllBytes(file)));
            scanned++;
        }

        Assert.True(scanned > 0, "no file under the world's directory was scanned");
        return places;
    }

    /// <summary>Regular files only (<c>find -type f</c>): opening a FIFO or socket to read it would block or fail.</summary>
    private static async Task<IReadOnlyList<string>> RegularFilesAsync(string directory)
    {
        var startInfo = new ProcessStartInfo("find") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { directory, "-type", "f", "-print0" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var find = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start find");
        var output = await find.StandardOutput.ReadToEndAsync();
        // A non-zero exit only means a file vanished mid-walk (a host's pid file); what was listed is still scanned.
        await find.WaitForExitAsync();
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
