using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Stagecraft.DoEmulator;
using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd.Support;

/// <summary>
/// One scenario's world: a temp directory (config, HOME, known_hosts, host states), a client key, the DigitalOcean
/// emulator in process and the SSH test hosts it "boots" when droplets turn active. Disposing stops every host and
/// CLI process and removes the temp directory.
/// </summary>
public sealed class EndToEndWorld : IAsyncDisposable
{
    public const string Environment = "staging";
    public const string TailnetDomain = "example.ts.net";
    public const int SshPort = 2222;

    private readonly ConcurrentDictionary<string, SshTestHost> hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SshTestHost> deleted = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> hostStops = [];
    private readonly ConcurrentDictionary<string, bool> firewalled = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim firewallGate = new(1, 1);
    private readonly ConcurrentDictionary<string, TestHostOptions> heldBack = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HostBehavior> behaviors = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> hostStarts = [];
    private readonly ConcurrentBag<Exception> hostStartFailures = [];
    private readonly ConcurrentBag<CliProcess> processes = [];
    private readonly CancellationTokenSource disposing = new();
    private DoEmulatorServer? emulator;

    private EndToEndWorld(string directory, TestClientKey clientKey)
    {
        Directory = directory;
        ClientKey = clientKey;
        var suffix = Guid.NewGuid().ToString("N");
        DoToken = "e2e-do-token-" + suffix;
        AuthKey = "e2e-ts-authkey-" + suffix;
        System.IO.Directory.CreateDirectory(HomeDirectory);
        System.IO.Directory.CreateDirectory(HostsDirectory);
    }

    public string Directory { get; }

    public string HomeDirectory => Path.Combine(Directory, "home");

    public string HostsDirectory => Path.Combine(Directory, "hosts");

    public string ConfigPath => Path.Combine(Directory, "stagecraft.yml");

    public string KnownHostsPath => Path.Combine(Directory, "known_hosts");

    public TestClientKey ClientKey { get; }

    /// <summary>The DigitalOcean token the CLI gets in DO_TOKEN (unique per world).</summary>
    public string DoToken { get; }

    /// <summary>The Tailscale auth key the CLI gets in TS_AUTHKEY (unique per world).</summary>
    public string AuthKey { get; }

    /// <summary>A published stagecraft binary to run instead of <c>dotnet cli/stagecraft.dll</c> (null: the built CLI).</summary>
    public string? Executable { get; set; }

    public DoEmulatorServer Emulator => emulator ?? throw new InvalidOperationException("the emulator is not running");

    /// <summary>Every host started so far, by droplet name (e.g. <c>staging-app-1</c>).</summary>
    public IReadOnlyDictionary<string, SshTestHost> Hosts => hosts;

    /// <summary>Creates the world; fails (does not skip) when SSH test hosts cannot run on this machine.</summary>
    public static Task<EndToEndWorld> CreateAsync(IReadOnlyList<string> publicIps, TimeSpan bootDelay) =>
        CreateAsync(publicIps, bootDelay, o => o);

    /// <summary>As above, with the emulator's options adjusted by <paramref name="configure"/> (e.g. VPCs on the account).</summary>
    public static async Task<EndToEndWorld> CreateAsync(IReadOnlyList<string> publicIps, TimeSpan bootDelay, Func<EmulatorOptions, EmulatorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(publicIps);
        TestHostEnvironment.EnsureAvailable();
        var directory = System.IO.Directory.CreateTempSubdirectory("stagecraft-e2e-").FullName;
        EndToEndWorld? world = null;
        try
        {
            var key = await TestClientKey.CreateAsync(Path.Combine(directory, "client"));
            world = new EndToEndWorld(directory, key);
            world.emulator = await DoEmulatorServer.StartAsync(configure(new EmulatorOptions
            {
                Tokens = [world.DoToken],
                BootDelay = bootDelay,
                ActionDelay = TimeSpan.FromMilliseconds(200),
                PublicIpPool = publicIps,
                SshKeys = [EmulatorSshKey.FromPublicKey(512190, "deploy-key", key.PublicKey)],
            }));
            world.emulator.DropletBecameActive += world.OnDropletBecameActive;
            world.emulator.DropletDeleted += world.OnDropletDeleted;
            world.emulator.FirewallsChanged += world.OnFirewallsChanged;
            return world;
        }
        catch
        {
            if (world is not null)
            {
                await world.DisposeAsync();
            }
            else
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Droplet name of a config host: <c>staging-app-1</c>.</summary>
    public static string ResourceName(string host) => $"{Environment}-{host}";

    /// <summary>Sets what happens when the droplet of <paramref name="host"/> turns active (default: start at once).</summary>
    public void OnActive(string host, HostBehavior behavior) => behaviors[ResourceName(host)] = behavior;

    /// <summary>The running test host of a config host.</summary>
    public SshTestHost Host(string host) =>
        hosts.TryGetValue(ResourceName(host), out var found)
            ? found
            : throw new InvalidOperationException($"no test host was started for {ResourceName(host)}");

    /// <summary>The stopped test host of a config host whose droplet was deleted (its state stays readable).</summary>
    public SshTestHost DeletedHost(string host) =>
        deleted.TryGetValue(ResourceName(host), out var found)
            ? found
            : throw new InvalidOperationException($"no test host of {ResourceName(host)} was deleted");

    /// <summary>Waits until every host stop a deletion triggered has finished.</summary>
    public Task HostStopsSettledAsync() => Task.WhenAll(hostStops.ToArray());

    /// <summary>Starts the test host of an existing (e.g. seeded) droplet now.</summary>
    public async Task<SshTestHost> StartHostAsync(string resourceName, TestHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A droplet re-created under the same name gets a fresh state directory: the deleted one's stays for inspection.
        var state = Path.Combine(HostsDirectory, resourceName);
        for (var generation = 2; System.IO.Directory.Exists(state); generation++)
        {
            state = Path.Combine(HostsDirectory, $"{resourceName}.{generation}");
        }

        var host = await SshTestHost.StartAsync(options, ClientKey, state, disposing.Token);
        if (!hosts.TryAdd(resourceName, host))
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"a test host for {resourceName} already runs");
        }

        return host;
    }

    /// <summary>Writes stagecraft.yml for <paramref name="configHosts"/> pointing at the emulator and the test hosts.</summary>
    public string WriteConfig(IReadOnlyList<ConfigHost> configHosts, ConfigSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(configHosts);
        settings ??= new ConfigSettings();
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            project:
              name: e2e
            cloud:
              provider: digitalocean
              providers:
                digitalocean:
                  token_env: DO_TOKEN
                  ssh_key_name: deploy-key
                  api_url: {Emulator.BaseUrl}
                  default_region: nyc1
                  default_size: s-2vcpu-4gb
                  create_timeout: {settings.CreateTimeout}
            {Indented(settings.DigitalOceanExtra, 6)}
                  hosts:
                    {Environment}:

            """);
        foreach (var host in configHosts)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"          {host.Name}: {host.Yaml}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $$"""
            network:
              provider: tailscale
              providers:
                tailscale:
                  auth_key_env: TS_AUTHKEY
                  tailnet_domain: {{TailnetDomain}}
                  default_tags: ["tag:stagecraft"]
                  role_tags: { app: ["tag:app"], db: ["tag:db"] }
            infra:
              bootstrap:
                ssh:
                  user: {{settings.SshUser}}
                  port: {{SshPort}}
            {{KeyLines(settings)}}
                  known_hosts_file: {{KnownHostsPath}}
                  ready_timeout: {{settings.ReadyTimeout}}
                docker:
                  install_method: apt

            """);
        File.WriteAllText(ConfigPath, yaml.ToString());
        return ConfigPath;
    }

    private static string Indented(string lines, int spaces) =>
        string.Join('\n', lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new string(' ', spaces) + l));

    private string KeyLines(ConfigSettings settings)
    {
        var lines = new List<string>();
        if (settings.Agent)
        {
            lines.Add("      agent: true");
        }

        if (!settings.OmitPrivateKeyPath)
        {
            lines.Add($"      private_key_path: {settings.PrivateKeyPath ?? ClientKey.PrivateKeyPath}");
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// Starts <c>stagecraft infra up --config … --env staging</c> plus <paramref name="extraArguments"/>, with DO_TOKEN,
    /// TS_AUTHKEY and HOME set; an override with a null value removes that variable.
    /// </summary>
    public CliProcess StartInfraUp(IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string?>? environmentOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(extraArguments);
        return StartCli(["infra", "up", "--config", ConfigPath, "--env", Environment, .. extraArguments], environmentOverrides);
    }

    /// <summary>Runs <c>stagecraft infra &lt;command&gt; --config … --env staging</c> plus <paramref name="extraArguments"/> to completion (at most 90 s).</summary>
    public async Task<CliResult> RunInfraAsync(string command, params string[] extraArguments)
    {
        using var process = StartCli(["infra", command, "--config", ConfigPath, "--env", Environment, .. extraArguments], null);
        return await process.WaitAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Starts the CLI with <paramref name="arguments"/>, DO_TOKEN, TS_AUTHKEY and HOME set; an override with a null value removes that variable.</summary>
    private CliProcess StartCli(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environmentOverrides)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DO_TOKEN"] = DoToken,
            ["TS_AUTHKEY"] = AuthKey,
            ["HOME"] = HomeDirectory,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in environmentOverrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var process = CliProcess.Start(arguments, environment, Executable);
        processes.Add(process);
        return process;
    }

    /// <summary>Runs <c>infra up</c> to completion (at most 90 s).</summary>
    public Task<CliResult> RunInfraUpAsync(params string[] extraArguments) => RunInfraUpAsync(extraArguments, null);

    /// <summary>Runs <c>infra up</c> to completion (at most 90 s) with environment overrides.</summary>
    public async Task<CliResult> RunInfraUpAsync(IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string?>? environmentOverrides)
    {
        using var process = StartInfraUp(extraArguments, environmentOverrides);
        return await process.WaitAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Waits until every host start the emulator triggered has finished; rethrows the first failure.</summary>
    public async Task HostStartsSettledAsync()
    {
        await Task.WhenAll(hostStarts.ToArray());
        if (!hostStartFailures.IsEmpty)
        {
            throw new InvalidOperationException("a test host failed to start", hostStartFailures.First());
        }
    }

    /// <summary>Number of <c>POST /v2/droplets</c> the emulator served.</summary>
    public int CreateRequests() =>
        Emulator.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/v2/droplets", StringComparison.Ordinal)
            && !r.PathAndQuery.Contains("/actions", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        // Every step runs even when an earlier one throws: a leaked sshd would hold its address for later tests.
        var failures = new List<Exception>();
        foreach (var process in processes)
        {
            Attempt(failures, process.Dispose);
        }

        await disposing.CancelAsync();
        try
        {
            await Task.WhenAll(hostStarts.ToArray());
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException or IOException)
        {
            // A host still starting when the test ended; it is stopped below if it got that far.
        }

        await AttemptAsync(failures, HostStopsSettledAsync);
        if (emulator is not null)
        {
            emulator.DropletBecameActive -= OnDropletBecameActive;
            emulator.DropletDeleted -= OnDropletDeleted;
            emulator.FirewallsChanged -= OnFirewallsChanged;
            await AttemptAsync(failures, () => emulator.DisposeAsync().AsTask());
        }

        foreach (var host in hosts.Values.Concat(deleted.Values))
        {
            await AttemptAsync(failures, () => host.DisposeAsync().AsTask());
        }

        // Stop hosts whose start was cancelled half-way: the script is idempotent on any state directory.
        foreach (var state in System.IO.Directory.Exists(HostsDirectory) ? System.IO.Directory.GetDirectories(HostsDirectory) : [])
        {
            await AttemptAsync(failures, () => StopLeftoverAsync(state));
        }

        disposing.Dispose();
        firewallGate.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp directory is harmless.
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("cleaning up the end-to-end world failed", failures);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Cleanup collects every failure and rethrows them together.")]
    private static void Attempt(List<Exception> failures, Action step)
    {
        try
        {
            step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Cleanup collects every failure and rethrows them together.")]
    private static async Task AttemptAsync(List<Exception> failures, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }

    private static async Task StopLeftoverAsync(string state)
    {
        var script = FindTestHostScript();
        if (script is null)
        {
            return;
        }

        using var stop = System.Diagnostics.Process.Start("bash", [script, "stop", "--state", state]);
        await stop.WaitForExitAsync(CancellationToken.None);
    }

    private static string? FindTestHostScript()
    {
        for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, "tools", "testhost", "testhost.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The address the tests' SSH client connects from (loopback routes 127.0.0.0/8 from 127.0.0.1).</summary>
    public static readonly System.Net.IPAddress ClientAddress = System.Net.IPAddress.Loopback;

    /// <summary>Hosts whose sshd is stopped because a cloud firewall admits no SSH from <see cref="ClientAddress"/>.</summary>
    public bool IsFirewalled(string host) => firewalled.GetValueOrDefault(ResourceName(host));

    /// <summary>
    /// Enforces the emulator's firewalls on the test hosts: a host whose droplet no rule admits SSH to from
    /// <see cref="ClientAddress"/> has its sshd stopped (connections are refused), and started again once one does.
    /// </summary>
    private async Task EnforceFirewallsAsync()
    {
        await firewallGate.WaitAsync(disposing.Token);
        try
        {
            foreach (var (name, options) in heldBack)
            {
                if (Emulator.AllowsInbound(name, "tcp", SshPort, ClientAddress) && heldBack.TryRemove(name, out _))
                {
                    await StartHostAsync(name, options);
                    firewalled[name] = false;
                }
            }

            foreach (var (name, host) in hosts)
            {
                var allowed = Emulator.AllowsInbound(name, "tcp", SshPort, ClientAddress);
                var blocked = firewalled.GetValueOrDefault(name);
                if (!allowed && !blocked)
                {
                    await host.StopAsync(disposing.Token);
                    firewalled[name] = true;
                }
                else if (allowed && blocked)
                {
                    await host.RestartAsync(disposing.Token);
                    firewalled[name] = false;
                }
            }
        }
        finally
        {
            firewallGate.Release();
        }
    }

    /// <summary>Starts the host, unless a firewall already admits no SSH to it: then it starts once one does (never reachable in between).</summary>
    private async Task StartOrHoldBackAsync(string name, TestHostOptions options)
    {
        await firewallGate.WaitAsync(disposing.Token);
        try
        {
            if (!Emulator.AllowsInbound(name, "tcp", SshPort, ClientAddress))
            {
                heldBack[name] = options;
                firewalled[name] = true;
                return;
            }
        }
        finally
        {
            firewallGate.Release();
        }

        await StartHostAsync(name, options);
    }

    private void OnFirewallsChanged() => hostStarts.Add(Task.Run(async () =>
    {
        try
        {
            await EnforceFirewallsAsync();
        }
        catch (OperationCanceledException) when (disposing.IsCancellationRequested)
        {
            // The world is being disposed.
        }
    }));

    /// <summary>A deleted droplet's machine goes away: its sshd stops (the state directory stays until the world is disposed).</summary>
    private void OnDropletDeleted(EmulatorDroplet droplet)
    {
        if (hosts.TryRemove(droplet.Name, out var host))
        {
            deleted[droplet.Name] = host;
            hostStops.Add(Task.Run(() => host.StopAsync(CancellationToken.None)));
        }
    }

    private void OnDropletBecameActive(EmulatorDroplet droplet)
    {
        var behavior = behaviors.GetValueOrDefault(droplet.Name, HostBehavior.Default);
        if (!behavior.Start || droplet.PublicIp is null)
        {
            return;
        }

        hostStarts.Add(Task.Run(async () =>
        {
            try
            {
                if (behavior.StartDelay > TimeSpan.Zero)
                {
                    // The scenario itself ("sshd comes up late"), not synchronisation.
                    await Task.Delay(behavior.StartDelay, disposing.Token);
                }

                // Like the real API, the account keys the create named are the ones root accepts.
                var options = behavior.Options(droplet.PublicIp);
                await StartOrHoldBackAsync(droplet.Name, options with { ExtraAuthorizedKeys = [.. options.ExtraAuthorizedKeys, .. droplet.SshPublicKeys] });
            }
            catch (OperationCanceledException) when (disposing.IsCancellationRequested)
            {
                // The world is being disposed.
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException)
            {
                hostStartFailures.Add(exception);
            }
        }));
    }
}
