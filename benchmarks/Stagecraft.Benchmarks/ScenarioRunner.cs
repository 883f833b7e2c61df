using System.Globalization;
using System.Security.Cryptography;
using Stagecraft.DoEmulator;
using Stagecraft.TestHosts;

namespace Stagecraft.Benchmarks;

/// <summary>
/// Runs one scenario from scratch: a fresh emulator and request log, a fresh known_hosts, new test hosts that boot as
/// their droplets turn active; then the first <c>infra up</c> (which creates everything) is measured.
/// </summary>
internal sealed class ScenarioRunner
{
    private const string Environment = "bench";
    private const string SshKeyName = "deploy-key";
    private const int SshPort = 2222;

    private readonly BenchmarkSettings settings;
    private readonly TestClientKey clientKey;
    private readonly CliRunner cli;
    private readonly TimeProvider time;

    public ScenarioRunner(BenchmarkSettings settings, TestClientKey clientKey, CliRunner cli, TimeProvider time)
    {
        this.settings = settings;
        this.clientKey = clientKey;
        this.cli = cli;
        this.time = time;
    }

    /// <summary>Test hosts live on 127.0.0.10 … 127.0.0.59; the emulator hands these out in creation order.</summary>
    public static IReadOnlyList<string> AddressPool { get; } =
        [.. Enumerable.Range(10, BenchmarkSettings.MaxHosts).Select(i => string.Create(CultureInfo.InvariantCulture, $"127.0.0.{i}"))];

    /// <summary>Light-fleet hosts live on 127.1.0.10 … (200 a /24, from .10 to .209); lo gets each one as its sshd comes up.</summary>
    public static IReadOnlyList<string> LightAddressPool { get; } =
        [.. Enumerable.Range(0, BenchmarkSettings.MaxLightHosts).Select(i => string.Create(CultureInfo.InvariantCulture, $"127.1.{i / 200}.{10 + (i % 200)}"))];

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var directory = Path.Combine(settings.WorkDirectory, scenario.Label);
        Directory.CreateDirectory(directory);
        var home = Path.Combine(directory, "home");
        Directory.CreateDirectory(home);
        var token = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var options = new EmulatorOptions
        {
            Tokens = [token],
            TimeProvider = time,
            BootDelay = settings.Latency.BootDelay,
            ResponseDelay = settings.Latency.ResponseDelay,
            PublicIpPool = settings.Fleet == FleetKind.Light ? LightAddressPool : AddressPool,
            SshKeys = [EmulatorSshKey.FromPublicKey(512190, "deploy-key", clientKey.PublicKey)],
        };

        await using var server = await DoEmulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var configPath = Path.Combine(directory, "stagecraft.yml");
        await File.WriteAllTextAsync(configPath, Config(server.BaseUrl, scenario.Hosts, directory), cancellationToken).ConfigureAwait(false);

        var started = time.GetTimestamp();
        IHostFleet fleet = settings.Fleet == FleetKind.Light
            ? await LightFleet.StartAsync(
                Path.Combine(settings.RepositoryRoot, "tools", "testhost", "fleet.sh"),
                Path.Combine(directory, "fleet"),
                clientKey,
                settings.Latency,
                time,
                started,
                cancellationToken).ConfigureAwait(false)
            : new HostFleet(
                clientKey,
                Path.Combine(directory, "hosts"),
                Path.Combine(settings.RepositoryRoot, "tools", "testhost", "testhost.sh"),
                settings.Latency,
                time,
                started);
        await using (fleet.ConfigureAwait(false))
        {
            server.DropletBecameActive += fleet.OnDropletActive;
            try
            {
                var recorder = new RequestRecorder(server, time, started);
                await using (recorder.ConfigureAwait(false))
                {
                    var arguments = new List<string> { "infra", "up", "--config", configPath, "--env", Environment, "--output", "json" };
                    if (scenario.Mode == BenchmarkMode.Sequential)
                    {
                        arguments.AddRange(["--parallelism", "1"]);
                    }
                    else if (scenario.Parallelism is { } parallelism)
                    {
                        arguments.AddRange(["--parallelism", parallelism.ToString(CultureInfo.InvariantCulture)]);
                    }

                    var environment = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["DO_TOKEN"] = token,
                        ["TS_AUTHKEY"] = "tskey-auth-bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                        ["HOME"] = home,
                        ["DOTNET_NOLOGO"] = "1",
                    };
                    var fleetCpuBefore = await fleet.ReadCpuAsync().ConfigureAwait(false);
                    var ownCpuBefore = ProcessCpu.Read(System.Environment.ProcessId, includeChildren: false);
                    var result = await cli.RunAsync(arguments, environment, Path.Combine(directory, "time.txt"), cancellationToken).ConfigureAwait(false);
                    var ownCpuAfter = ProcessCpu.Read(System.Environment.ProcessId, includeChildren: false);
                    var fleetCpuAfter = await fleet.ReadCpuAsync().ConfigureAwait(false);
                    var requests = RequestSummary.From(await recorder.FinishAsync().ConfigureAwait(false));
                    await File.WriteAllTextAsync(Path.Combine(directory, "stdout.json"), result.StandardOutput, CancellationToken.None).ConfigureAwait(false);
                    await File.WriteAllTextAsync(Path.Combine(directory, "stderr.txt"), result.StandardError, CancellationToken.None).ConfigureAwait(false);
                    return new ScenarioResult(scenario, result, requests, options.BurstLimitPerMinute, fleet.LastActive, fleet.LastSshUp, fleet.Failures,
                        fleetCpuAfter - fleetCpuBefore, ownCpuAfter - ownCpuBefore);
                }
            }
            finally
            {
                server.DropletBecameActive -= fleet.OnDropletActive;
            }
        }
    }

    private string Config(Uri apiUrl, int hosts, string directory)
    {
        var lines = new List<string>
        {
            "# Generated by benchmarks/Stagecraft.Benchmarks.",
            "project:",
            "  name: bench",
            "cloud:",
            "  provider: digitalocean",
            "  providers:",
            "    digitalocean:",
            "      token_env: DO_TOKEN",
            $"      ssh_key_name: {SshKeyName}",
            $"      api_url: {apiUrl}",
            "      default_region: nyc1",
            "      default_size: s-2vcpu-4gb",
            "      create_timeout: 5m",
            "      hosts:",
            $"        {Environment}:",
        };
        for (var i = 1; i <= hosts; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"          app-{i:D2}: {{ role: app }}"));
        }

        lines.AddRange(
        [
            "network:",
            "  provider: tailscale",
            "  providers:",
            "    tailscale:",
            "      auth_key_env: TS_AUTHKEY",
            "      tailnet_domain: example.ts.net",
            "      default_tags: [\"tag:stagecraft\"]",
            "      role_tags: { app: [\"tag:app\"] }",
            "infra:",
            "  bootstrap:",
            "    ssh:",
            "      user: root",
            string.Create(CultureInfo.InvariantCulture, $"      port: {SshPort}"),
            $"      private_key_path: {clientKey.PrivateKeyPath}",
            $"      known_hosts_file: {Path.Combine(directory, "known_hosts")}",
            "      ready_timeout: 5m",
            "    docker:",
            "      install_method: apt",
        ]);
        return string.Join('\n', lines) + "\n";
    }
}
