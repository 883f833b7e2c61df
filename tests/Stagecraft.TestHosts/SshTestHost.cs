using System.Globalization;
using System.Text;

namespace Stagecraft.TestHosts;

/// <summary>
/// A running OpenSSH test host on loopback (see tools/testhost/README.md): sshd as root in its own mount
/// namespace that looks like a fresh Ubuntu 22.04 host. Dispose to stop it and delete its state directory.
/// </summary>
public sealed class SshTestHost : IAsyncDisposable
{
    private readonly TestHostOptions options;

    private SshTestHost(TestHostOptions options, TestClientKey clientKey, string stateDirectory, string hostPublicKey)
    {
        this.options = options;
        ClientKey = clientKey;
        StateDirectory = stateDirectory;
        HostPublicKey = hostPublicKey;
    }

    public string Address => options.Address;

    public int Port => options.Port;

    /// <summary>The login user (<c>root</c> or <c>deploy</c>).</summary>
    public string User => options.User;

    public TestClientKey ClientKey { get; }

    /// <summary>The host key as <c>ssh-ed25519 AAAA…</c> (no comment); changes after <see cref="RekeyAsync"/>.</summary>
    public string HostPublicKey { get; private set; }

    public string StateDirectory { get; }

    /// <summary>Starts a host; throws <see cref="InvalidOperationException"/> with the script's output when it cannot.</summary>
    public static async Task<SshTestHost> StartAsync(
        TestHostOptions options,
        TestClientKey clientKey,
        string stateDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientKey);
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        if (options.InstallDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"InstallDelay must not be negative: {options.InstallDelay}", nameof(options));
        }

        TestHostEnvironment.EnsureAvailable();

        var state = Path.GetFullPath(stateDirectory);
        Directory.CreateDirectory(Path.Combine(state, "faults"));
        foreach (var fault in options.Faults)
        {
            await File.WriteAllTextAsync(FaultPath(state, fault), string.Empty, cancellationToken).ConfigureAwait(false);
        }

        if (options.ValidAuthKey is not null)
        {
            var path = Path.Combine(state, "valid-authkey");
            await File.WriteAllTextAsync(path, options.ValidAuthKey, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        if (options.TailscaleVersion is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(state, "tailscale-version"), options.TailscaleVersion + "\n", cancellationToken).ConfigureAwait(false);
        }

        var result = await RunScriptAsync(StartArguments(options, clientKey, state), cancellationToken).ConfigureAwait(false);
        var hostKey = ParseHostKey(result);
        return new SshTestHost(options, clientKey, state, hostKey);
    }

    /// <summary>The authorized_keys file the script installs: the client key's, plus the extra lines when there are any.</summary>
    private static string AuthorizedKeysFile(TestHostOptions options, TestClientKey clientKey, string state)
    {
        if (options.ExtraAuthorizedKeys.Count == 0)
        {
            return clientKey.PublicKeyPath;
        }

        var path = Path.Combine(state, "authorized-keys.in");
        File.WriteAllLines(path, [clientKey.PublicKey, .. options.ExtraAuthorizedKeys.Where(k => k != clientKey.PublicKey)]);
        return path;
    }

    /// <summary>The recorded SSH command strings, oldest first (exec.log, unescaped).</summary>
    public IReadOnlyList<string> ExecLog() => ReadLines("exec.log").Select(Unescape).ToList();

    /// <summary>The shims' argv lines, oldest first (commands.log); apt lines end with <c> ## DEBIAN_FRONTEND=… NEEDRESTART_MODE=…</c>
    /// (then <c> ## delayed Ns</c> when the install waited <see cref="TestHostOptions.InstallDelay"/>).</summary>
    public IReadOnlyList<string> CommandsLog() => ReadLines("commands.log");

    /// <summary>Contents of a file under the state directory (e.g. <c>tailscale/received-authkey</c>), or <c>null</c>.</summary>
    public string? ReadState(string relativePath)
    {
        var path = StatePath(relativePath);
        return File.Exists(path) ? ReadShared(path, File.ReadAllText) : null;
    }

    /// <summary>True when a file or directory exists under the state directory.</summary>
    public bool StateExists(string relativePath)
    {
        var path = StatePath(relativePath);
        return File.Exists(path) || Directory.Exists(path);
    }

    /// <summary>Sets a fault (see <see cref="TestHostFaults"/>); content N = fail only the next N times.</summary>
    public void SetFault(string name, string content = "") => File.WriteAllText(FaultPath(StateDirectory, name), content);

    public void ClearFault(string name) => File.Delete(FaultPath(StateDirectory, name));

    /// <summary>Runs <paramref name="command"/> with the OpenSSH client as <see cref="User"/>; the host key is pinned.</summary>
    public async Task<ProcessResult> RunSshAsync(
        string command,
        string? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        var knownHosts = Path.Combine(StateDirectory, "client_known_hosts");
        var hostPattern = string.Create(CultureInfo.InvariantCulture, $"[{Address}]:{Port}");
        await File.WriteAllTextAsync(knownHosts, $"{hostPattern} {HostPublicKey}\n", cancellationToken).ConfigureAwait(false);
        return await ProcessRunner.RunAsync(
            "ssh",
            [
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", $"UserKnownHostsFile={knownHosts}",
                "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=10",
                "-i", ClientKey.PrivateKeyPath,
                "-p", Port.ToString(CultureInfo.InvariantCulture),
                $"{User}@{Address}",
                command,
            ],
            standardInput,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops sshd and every process of the host; safe to call twice.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) =>
        await RunScriptAsync(["stop", "--state", StateDirectory], cancellationToken).ConfigureAwait(false);

    /// <summary>Starts a stopped host again with the same options, state and host key.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        var result = await RunScriptAsync(StartArguments(options, ClientKey, StateDirectory), cancellationToken).ConfigureAwait(false);
        HostPublicKey = ParseHostKey(result);
    }

    /// <summary>Replaces the host key (the changed-host-key scenario) and restarts the host if it was running.</summary>
    public async Task RekeyAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunScriptAsync(["rekey", "--state", StateDirectory], cancellationToken).ConfigureAwait(false);
        HostPublicKey = ParseHostKey(result);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    private static List<string> StartArguments(TestHostOptions options, TestClientKey clientKey, string state)
    {
        var arguments = new List<string>
        {
            "start",
            "--ip", options.Address,
            "--port", options.Port.ToString(CultureInfo.InvariantCulture),
            "--state", state,
            "--authorized-key", AuthorizedKeysFile(options, clientKey, state),
            "--user", options.User,
            options.SudoRequiresPassword ? "--sudo-password" : "--sudo-nopasswd",
            "--tailnet-on-join", options.TailnetOnJoin,
        };
        if (options.PubkeyAcceptedAlgorithms is not null)
        {
            arguments.AddRange(["--pubkey-accepted-algorithms", options.PubkeyAcceptedAlgorithms]);
        }

        if (options.PreinstallDocker)
        {
            arguments.Add("--preinstall-docker");
        }

        if (options.PreinstallTailscale)
        {
            arguments.Add("--preinstall-tailscale");
            if (options.PreinstallTailnet is not null)
            {
                arguments.AddRange(["--tailnet", options.PreinstallTailnet, "--tags", string.Join(',', options.PreinstallTags)]);
            }

            if (options.PreinstallHostname is not null)
            {
                arguments.AddRange(["--ts-hostname", options.PreinstallHostname]);
            }
        }

        if (options.MaxStartups is not null)
        {
            arguments.AddRange(["--max-startups", options.MaxStartups]);
        }

        if (options.InstallDelay > TimeSpan.Zero)
        {
            arguments.AddRange(["--install-delay", FormatSeconds(options.InstallDelay)]);
        }

        return arguments;
    }

    /// <summary>Seconds as testhost.sh takes them: invariant, no exponent, at most millisecond precision (1.5 s → <c>1.5</c>).</summary>
    internal static string FormatSeconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task<ProcessResult> RunScriptAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var argumentList = arguments.ToList();
        var result = await ProcessRunner.RunAsync(
            "bash",
            [TestHostScripts.TestHostScript, .. argumentList],
            standardInput: null,
            cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"testhost.sh {argumentList[0]} failed with exit code {result.ExitCode}: {(result.StandardError + result.StandardOutput).Trim()}");
        }

        return result;
    }

    private static string ParseHostKey(ProcessResult result)
    {
        const string Prefix = "host_key=";
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return line[Prefix.Length..].Trim();
            }
        }

        throw new InvalidOperationException($"testhost.sh printed no host key: {result.StandardOutput.Trim()}");
    }

    private static string FaultPath(string state, string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name.StartsWith('.'))
        {
            throw new ArgumentException($"invalid fault name: '{name}'", nameof(name));
        }

        return Path.Combine(state, "faults", name);
    }

    private string StatePath(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(StateDirectory, relativePath));
        if (!path.StartsWith(StateDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"path leaves the state directory: '{relativePath}'", nameof(relativePath));
        }

        return path;
    }

    private List<string> ReadLines(string name)
    {
        var path = Path.Combine(StateDirectory, name);
        if (!File.Exists(path))
        {
            return [];
        }

        return ReadShared(path, File.ReadAllLines).Where(line => line.Length > 0).ToList();
    }

    /// <summary>
    /// Reads a file the host's shims append to under <c>flock</c>. .NET takes a shared flock to read and fails at once
    /// while a writer holds the exclusive one (a few microseconds), so the read is retried a bounded number of times.
    /// </summary>
    private static T ReadShared<T>(string path, Func<string, T> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return read(path);
            }
            catch (IOException) when (attempt < 200 && File.Exists(path))
            {
                Thread.Sleep(5);
            }
        }
    }

    /// <summary>Reverses record-exec's escaping: <c>\\</c> → <c>\</c>, <c>\n</c> → newline.</summary>
    internal static string Unescape(string line)
    {
        var builder = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                var next = line[i + 1];
                if (next == 'n')
                {
                    builder.Append('\n');
                    i++;
                    continue;
                }

                if (next == '\\')
                {
                    builder.Append('\\');
                    i++;
                    continue;
                }
            }

            builder.Append(line[i]);
        }

        return builder.ToString();
    }
}
