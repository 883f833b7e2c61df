using System.Collections.Concurrent;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Testing;

/// <summary>
/// Recording fake of both remote ports. Each host behaves like a fresh Ubuntu 22.04 machine: Docker is absent
/// until the install command runs. Per-host overrides answer specific commands (matched on the rendered string).
/// With <see cref="HandOverSessions"/> the readiness probe hands over its session (as the SSH probe does); otherwise
/// sessions come from <see cref="ConnectAsync"/>. Every session opened and every dispose call is recorded.
/// </summary>
public sealed class FakeRemote : IRemoteAccessFactory, IReadinessProbe, IRemoteSessionFactory, IHostKeyPins, IVerifiedSessionFactory
{
    public const string DockerJson = "{\"Client\":{\"Version\":\"28.3.2\"},\"Server\":{\"Version\":\"28.3.2\"}}";
    public const string UbuntuOsRelease = "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nUBUNTU_CODENAME=jammy\n";

    public ConcurrentDictionary<string, ConcurrentQueue<string>> Commands { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> DockerInstalled { get; } = new(StringComparer.Ordinal);

    /// <summary>Hosts whose login user is in the <c>docker</c> group (added by <c>usermod -aG docker</c>).</summary>
    public ConcurrentDictionary<string, bool> DockerGroupMembers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> NotReady { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> ConnectFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>(host name, command substring) → result, checked before the defaults.</summary>
    public ConcurrentDictionary<(string Host, string Contains), RemoteResult> Overrides { get; } = new();

    public ConcurrentQueue<string> ReadinessChecks { get; } = new();

    /// <summary>(host name, command substring): the connection drops while that command runs.</summary>
    public ConcurrentDictionary<(string Host, string Contains), bool> DropConnectionOn { get; } = new();

    /// <summary>When true, a ready host's readiness result carries an open session (the caller must dispose it).</summary>
    public bool HandOverSessions { get; set; }

    /// <summary>Host names passed to <see cref="ConnectAsync"/>, in call order (failed attempts included).</summary>
    public ConcurrentQueue<string> Connects { get; } = new();

    /// <summary>"app-1 via readiness" / "app-1 via connect", one entry per session opened.</summary>
    public ConcurrentQueue<string> SessionsOpened { get; } = new();

    /// <summary>One entry per <c>DisposeAsync</c> call, named like <see cref="SessionsOpened"/> (twice if disposed twice).</summary>
    public ConcurrentQueue<string> SessionsDisposed { get; } = new();

    public SshSettings? Settings { get; private set; }

    /// <summary>Runs when a host's readiness wait starts (to interrupt a run at that point, for example).</summary>
    public Action<string>? OnReadiness { get; set; }

    public Exception? CreateFailure { get; set; }

    /// <summary>Points: <c>preflight</c>, <c>readiness HOST</c>, <c>connect HOST</c>, <c>verify HOST</c>, <c>run HOST</c> (every command), <c>dispose HOST</c>, <c>forget RESOURCE</c>.</summary>
    public ThrowPoints Throws { get; } = new();

    public RemoteAccess Create(SshSettings settings)
    {
        Settings = settings;
        if (CreateFailure is not null)
        {
            throw CreateFailure;
        }

        return new RemoteAccess(this, this, this);
    }

    /// <summary>Public IPs with a pinned key; <see cref="ForgetAsync"/> removes them.</summary>
    public ConcurrentDictionary<string, bool> Pinned { get; } = new(StringComparer.Ordinal);

    /// <summary>Host resource names passed to <see cref="ForgetAsync"/>, in call order.</summary>
    public ConcurrentQueue<string> Forgotten { get; } = new();

    public Task<bool> ForgetAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Forgotten.Enqueue(host.ResourceName);
        Throws.ThrowIfSet($"forget {host.ResourceName}");
        return Task.FromResult(Pinned.TryRemove(host.PublicIp ?? string.Empty, out _));
    }

    /// <summary>Calls of <see cref="CreateVerifyOnly"/>.</summary>
    public int VerifyOnlyCreated { get; private set; }

    /// <summary>Host name → how its verify-only connection fails (default: ok, with a session).</summary>
    public ConcurrentDictionary<string, (ConnectionCheck Check, string Message)> VerifiedFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs when a host's verify-only connection starts (to interrupt a run at that point, for example).</summary>
    public Action<string>? OnVerify { get; set; }

    /// <summary>Host names passed to <see cref="ConnectVerifiedAsync"/>, in call order.</summary>
    public ConcurrentQueue<string> VerifiedConnects { get; } = new();

    public IVerifiedSessionFactory CreateVerifyOnly(SshSettings settings)
    {
        Settings = settings;
        VerifyOnlyCreated++;
        if (CreateFailure is not null)
        {
            throw CreateFailure;
        }

        return this;
    }

    /// <summary>Point <c>verify HOST</c> throws.</summary>
    public Task<VerifiedConnection> ConnectVerifiedAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        VerifiedConnects.Enqueue(host.Name);
        OnVerify?.Invoke(host.Name);
        cancellationToken.ThrowIfCancellationRequested();
        Throws.ThrowIfSet($"verify {host.Name}");
        return Task.FromResult(VerifiedFailures.TryGetValue(host.Name, out var failure)
            ? VerifiedConnection.Failed(failure.Check, failure.Message)
            : VerifiedConnection.Ok(Open(host, "verified")));
    }

    public List<PreflightFinding> PreflightFindings { get; } = [];

    public int PreflightCalls { get; private set; }

    /// <summary>What the local preflight reports as loaded keys (handed on to the cloud preflight).</summary>
    public List<LoginKey> LoginKeys { get; } = [];

    public Task<LocalPreflight> PreflightAsync(SshSettings settings, CancellationToken cancellationToken)
    {
        PreflightCalls++;
        Throws.ThrowIfSet("preflight");
        return Task.FromResult(new LocalPreflight([.. PreflightFindings], [.. LoginKeys]));
    }

    public Task<ReadinessResult> WaitUntilReadyAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ReadinessChecks.Enqueue(host.Name);
        OnReadiness?.Invoke(host.Name);
        Throws.ThrowIfSet($"readiness {host.Name}");
        if (NotReady.TryGetValue(host.Name, out var why))
        {
            return Task.FromResult(ReadinessResult.NotReady(why));
        }

        return Task.FromResult(HandOverSessions ? ReadinessResult.ReadyWith(Open(host, "readiness")) : ReadinessResult.Ready);
    }

    public Task<IRemoteSession> ConnectAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Connects.Enqueue(host.Name);
        Throws.ThrowIfSet($"connect {host.Name}");
        if (ConnectFailures.TryGetValue(host.Name, out var why))
        {
            throw new RemoteConnectionException(why);
        }

        return Task.FromResult<IRemoteSession>(Open(host, "connect"));
    }

    public IReadOnlyList<string> CommandsFor(string hostName) =>
        Commands.TryGetValue(hostName, out var queue) ? [.. queue] : [];

    private Session Open(Host host, string via)
    {
        var name = $"{host.Name} via {via}";
        SessionsOpened.Enqueue(name);
        return new Session(this, host, name);
    }

    private RemoteResult Answer(Host host, string rendered)
    {
        foreach (var (key, result) in Overrides)
        {
            if (key.Host == host.Name && rendered.Contains(key.Contains, StringComparison.Ordinal))
            {
                return result;
            }
        }

        if (rendered.StartsWith("cat /etc/os-release", StringComparison.Ordinal))
        {
            return new RemoteResult(0, UbuntuOsRelease, string.Empty);
        }

        if (rendered.Contains("docker version", StringComparison.Ordinal))
        {
            return DockerInstalled.ContainsKey(host.Name)
                ? new RemoteResult(0, DockerJson, string.Empty)
                : new RemoteResult(127, string.Empty, "docker: command not found");
        }

        if (rendered.Contains("command -v docker", StringComparison.Ordinal))
        {
            return DockerInstalled.ContainsKey(host.Name) ? new RemoteResult(0, "/usr/bin/docker\n", string.Empty) : new RemoteResult(1, string.Empty, string.Empty);
        }

        if (rendered.Contains("id -nG", StringComparison.Ordinal))
        {
            var user = Settings?.User ?? "root";
            return new RemoteResult(0, $"{user}\n{user} sudo{(DockerGroupMembers.ContainsKey(host.Name) ? " docker" : string.Empty)}\n", string.Empty);
        }

        if (rendered.Contains("usermod -aG docker", StringComparison.Ordinal))
        {
            DockerGroupMembers[host.Name] = true;
            return new RemoteResult(0, string.Empty, string.Empty);
        }

        if (rendered.Contains("docker-ce", StringComparison.Ordinal) || rendered.Contains("get.docker.com", StringComparison.Ordinal))
        {
            DockerInstalled[host.Name] = true;
            return new RemoteResult(0, string.Empty, string.Empty);
        }

        return new RemoteResult(0, string.Empty, string.Empty);
    }

    private sealed class Session(FakeRemote owner, Host host, string name) : IRemoteSession
    {
        public bool UserIsRoot => owner.Settings?.UserIsRoot ?? true;

        public Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rendered = RemoteCommandRenderer.Render(command, UserIsRoot);
            owner.Commands.GetOrAdd(host.Name, _ => new ConcurrentQueue<string>()).Enqueue(rendered);
            owner.Throws.ThrowIfSet($"run {host.Name}");
            if (owner.DropConnectionOn.Keys.Any(k => k.Host == host.Name && rendered.Contains(k.Contains, StringComparison.Ordinal)))
            {
                throw new RemoteConnectionException($"connection to {host.PublicIp}:22 lost while running a command");
            }

            return Task.FromResult(owner.Answer(host, rendered));
        }

        public ValueTask DisposeAsync()
        {
            owner.SessionsDisposed.Enqueue(name);
            owner.Throws.ThrowIfSet($"dispose {host.Name}");
            return ValueTask.CompletedTask;
        }
    }
}
