using Stagecraft.Core.Preflight;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Secrets;
using Stagecraft.Core.Waiting;
using Stagecraft.Tailscale.Commands;
using Stagecraft.Tailscale.Configuration;
using Stagecraft.Tailscale.Status;

namespace Stagecraft.Tailscale;

/// <summary>
/// Installs Tailscale and joins a host to the configured tailnet, following the decision table of the bootstrap
/// reference (§5.6): check first, act only when needed, never move a node between tailnets, never give a Running
/// node an auth key. The auth key is read only when a first login is needed and travels on stdin only.
/// The status read that proves tailscaled answers (end of <see cref="EnsureInstalledAsync"/>) is the first status
/// read of the <see cref="EnsureJoinedAsync"/> that follows on the same session; one instance serves all hosts at once.
/// </summary>
internal sealed class TailscaleNetworkProvider : INetworkProvider
{
    private const int MaxEchoedLength = 200;
    private const string AwaitingApproval = "awaiting admin approval in the tailnet admin console";

    private readonly TailscaleSettings settings;
    private readonly ISecretSource secrets;
    private readonly IDiagnostics diagnostics;
    private readonly Poller poller;
    private readonly TailscaleTimings timings;
    private readonly string tailnetDomain;
    private readonly SessionStatusHandoff handoff = new();

    public TailscaleNetworkProvider(TailscaleSettings settings, ProviderContext context, TailscaleTimings timings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timings);
        this.settings = settings;
        secrets = context.Secrets;
        diagnostics = context.Diagnostics;
        poller = new Poller(context.Time);
        this.timings = timings;
        tailnetDomain = TailscaleStatusParser.NormaliseDomain(settings.TailnetDomain);
    }

    public string Id => TailscaleProviderFactory.ProviderId;

    /// <summary>
    /// Local checks only (no request to Tailscale): a host about to be created must join the tailnet, so the variable
    /// <c>auth_key_env</c> names must be set and non-empty before anything is created. The key itself is never shown.
    /// </summary>
    public Task<IReadOnlyList<PreflightFinding>> PreflightAsync(PreflightRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var toCreate = request.ToCreate;
        if (!request.Bootstrapping || toCreate.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<PreflightFinding>>([]);
        }

        var key = secrets.Read(settings.AuthKeyEnv);
        if (key is not null && key.Reveal().Trim().Length > 0)
        {
            return Task.FromResult<IReadOnlyList<PreflightFinding>>([]);
        }

        var finding = new PreflightFinding(
            PreflightScope.Network,
            $"tailscale auth key missing: environment variable {settings.AuthKeyEnv} (network.providers.tailscale.auth_key_env) is " +
            $"{(key is null ? "not set" : "empty")}; new hosts could not join the tailnet. Export a reusable, pre-approved auth key " +
            "in it, or run with --no-bootstrap")
        {
            Hosts = [.. toCreate.Select(h => h.Spec.Name).Order(StringComparer.Ordinal)],
        };
        return Task.FromResult<IReadOnlyList<PreflightFinding>>([finding]);
    }

    /// <summary>UDP 41641: tailscaled's port for direct (not relayed) connections between nodes.</summary>
    public IReadOnlyList<NetworkPort> InboundPorts { get; } = [new("udp", "41641")];

    public string NodeFqdn(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return $"{host.ResourceName}.{settings.TailnetDomain}";
    }

    public async Task<StepResult> EnsureInstalledAsync(IRemoteSession session, Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(host);
        handoff.Discard(session);
        var actions = new List<string>();

        var before = await ReadVersionAsync(session, cancellationToken).ConfigureAwait(false);
        if (before.Error is not null)
        {
            return InstallFailed(before.Error);
        }

        if (before.Version is null || IsTooOld(before.Version))
        {
            if (settings.InstallMethod == TailscaleInstallMethod.Skip)
            {
                return InstallFailed(before.Version is null
                    ? "tailscale is not installed and install.method is skip"
                    : $"tailscale {TailscaleVersions.Format(before.Version)} is older than min_version {TailscaleVersions.Format(settings.MinVersion!)}");
            }

            var install = await session.RunAsync(TailscaleCommands.Install(), cancellationToken).ConfigureAwait(false);
            if (!install.Succeeded)
            {
                return InstallFailed(CommandFailed("tailscale install", install, key: null));
            }

            var after = await ReadVersionAsync(session, cancellationToken).ConfigureAwait(false);
            if (after.Error is not null)
            {
                return InstallFailed(after.Error);
            }

            if (after.Version is null)
            {
                return InstallFailed("tailscale is still not installed after the apt install");
            }

            if (IsTooOld(after.Version))
            {
                return InstallFailed(
                    $"tailscale {TailscaleVersions.Format(after.Version)} is still older than min_version {TailscaleVersions.Format(settings.MinVersion!)} after the apt install");
            }

            actions.Add(before.Version is null
                ? $"installed tailscale {TailscaleVersions.Format(after.Version)}"
                : $"upgraded tailscale from {TailscaleVersions.Format(before.Version)} to {TailscaleVersions.Format(after.Version)}");
        }

        var daemon = await EnsureDaemonRunningAsync(session, actions, cancellationToken).ConfigureAwait(false);
        if (daemon.Error is not null)
        {
            return InstallFailed(daemon.Error);
        }

        handoff.Offer(session, daemon.Status!);
        return StepResult.Ok([.. actions]);
    }

    /// <summary>
    /// Before the host is deleted: <c>tailscale logout</c> when the node is logged in, so it leaves the tailnet instead of
    /// lingering as an offline machine. Missing tailscale or a logged-out node is nothing to do; a stopped daemon or a
    /// failed logout is reported (the node then stays in the tailnet until removed in the admin console).
    /// </summary>
    public async Task<NetworkLeave> LeaveAsync(IRemoteSession session, Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(host);
        const string Stays = "the node stays in the tailnet until you remove it in the admin console";
        var version = await session.RunAsync(TailscaleCommands.Version(), cancellationToken).ConfigureAwait(false);
        if (IsCommandMissing(version))
        {
            return new NetworkLeave(NetworkLeaveStatus.NotJoined, "tailscale is not installed");
        }

        var status = await session.RunAsync(TailscaleCommands.Status(), cancellationToken).ConfigureAwait(false);
        if (!status.Succeeded)
        {
            return new NetworkLeave(NetworkLeaveStatus.Failed, $"{CommandFailed("tailscale status", status, key: null)}; {Stays}");
        }

        var parsed = TailscaleStatusParser.Parse(status.StandardOutput, out var error);
        if (parsed is null)
        {
            return new NetworkLeave(NetworkLeaveStatus.Failed, $"{error}; {Stays}");
        }

        if (parsed.State is TailscaleBackendState.NeedsLogin or TailscaleBackendState.NoState)
        {
            return new NetworkLeave(NetworkLeaveStatus.NotJoined, $"not logged in ({Echo(parsed.RawState)})");
        }

        var logout = await session.RunAsync(TailscaleCommands.Logout(), cancellationToken).ConfigureAwait(false);
        return logout.Succeeded
            ? NetworkLeave.Left
            : new NetworkLeave(NetworkLeaveStatus.Failed, $"{CommandFailed("tailscale logout", logout, key: null)}; {Stays}");
    }

    public async Task<StepResult> EnsureJoinedAsync(IRemoteSession session, Host host, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(tags);

        // Taken before anything else so that it is used by this call or by none.
        var installStatus = handoff.Take(session);
        var hostname = host.ResourceName;
        if (!TailscaleNames.IsValidHostname(hostname))
        {
            return JoinFailed($"'{Echo(hostname)}' cannot be a tailscale hostname: it must be one DNS label (lowercase letters, digits and '-', at most 63 characters)", key: null);
        }

        foreach (var tag in tags)
        {
            if (tag is null || !TailscaleNames.IsValidTag(tag))
            {
                return JoinFailed($"'{Echo(tag ?? string.Empty)}' is not a valid tag: {TailscaleNames.TagRule}", key: null);
            }
        }

        var expected = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var read = await ReadSettledStatusAsync(session, key: null, installStatus, cancellationToken).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return JoinFailed(read.Error, key: null);
        }

        var status = read.Status!;
        switch (status.State)
        {
            case TailscaleBackendState.Running:
                return await CheckRunningAsync(session, status, hostname, expected, cancellationToken).ConfigureAwait(false);

            case TailscaleBackendState.NeedsLogin:
                return await LoginAsync(session, hostname, expected, cancellationToken).ConfigureAwait(false);

            case TailscaleBackendState.Stopped:
                if (status.TailnetSuffix.Length > 0 && !IsInTailnet(status))
                {
                    return JoinFailed(WrongTailnet(status), key: null);
                }

                return await UpAndVerifyAsync(
                    session,
                    TailscaleCommands.UpWithoutKey(hostname, expected, timings.UpTimeout),
                    key: null,
                    hostname,
                    expected,
                    $"brought tailscale up in tailnet {tailnetDomain} as {hostname}",
                    cancellationToken).ConfigureAwait(false);

            case TailscaleBackendState.NeedsMachineAuth:
                return JoinFailed(AwaitingApproval, key: null);

            case TailscaleBackendState.InUseOtherUser:
                return JoinFailed("tailscaled is in use by another local user (BackendState InUseOtherUser)", key: null);

            default:
                return JoinFailed(
                    status.RawState.Length == 0
                        ? "tailscale status --json reported no BackendState"
                        : $"tailscale status --json reported an unknown BackendState '{Echo(status.RawState)}'",
                    key: null);
        }
    }

    /// <summary>
    /// One <c>tailscale status --json --peers=false</c> (unprivileged, read-only; no waiting for a settled state):
    /// the tailnet (MagicDNS suffix), hostname, FQDN, tags and online flag. Problems: not installed, tailscaled not
    /// running, not Running (NeedsLogin, awaiting approval …), another tailnet, another hostname, offline.
    /// </summary>
    public async Task<MeshState> ReadStateAsync(IRemoteSession session, Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(host);
        var result = await session.RunAsync(TailscaleCommands.Status(), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return MeshState.Unreadable(
                IsCommandMissing(result) ? "tailscale is not installed"
                : IsDaemonUnreachable(result) ? "tailscaled is not running"
                : CommandFailed("tailscale status", result, key: null));
        }

        var status = TailscaleStatusParser.Parse(result.StandardOutput, out var error);
        if (status is null)
        {
            return MeshState.Unreadable(error);
        }

        var problems = new List<string>();
        switch (status.State)
        {
            case TailscaleBackendState.Running:
                break;
            case TailscaleBackendState.NeedsMachineAuth:
                problems.Add(AwaitingApproval);
                break;
            case TailscaleBackendState.NeedsLogin:
                problems.Add("not logged in (BackendState NeedsLogin): stagecraft infra up joins it");
                break;
            default:
                problems.Add(status.RawState.Length == 0
                    ? "tailscale status --json reported no BackendState"
                    : $"not running (BackendState {Echo(status.RawState)})");
                break;
        }

        if (status.TailnetSuffix.Length > 0 && !IsInTailnet(status))
        {
            problems.Add($"in tailnet {Echo(status.TailnetSuffix)}, expected {tailnetDomain}");
        }

        if (status.State == TailscaleBackendState.Running && !string.Equals(status.HostName, host.ResourceName, StringComparison.Ordinal))
        {
            problems.Add($"hostname {Echo(status.HostName)}, expected {host.ResourceName}");
        }

        if (status.State == TailscaleBackendState.Running && !status.Online)
        {
            problems.Add("offline: not connected to the control plane");
        }

        return new MeshState(
            Echo(status.RawState),
            Echo(status.TailnetSuffix),
            Echo(status.HostName),
            Echo(status.DnsName),
            [.. status.Tags.Select(Echo).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            status.Online)
        {
            Problems = problems,
        };
    }

    private static StepResult InstallFailed(string message) =>
        StepResult.Fail(BootstrapErrorCodes.NetworkInstallFailed, SecretScrubber.Scrub(message, key: null));

    private static StepResult JoinFailed(string message, Secret? key) =>
        StepResult.Fail(BootstrapErrorCodes.NetworkJoinFailed, SecretScrubber.Scrub(message, key));

    /// <summary>"tailscale up failed (exit 1): &lt;last stderr line&gt;", one line, key scrubbed.</summary>
    private static string CommandFailed(string what, RemoteResult result, Secret? key)
    {
        if (result.TimedOut)
        {
            return $"{what} timed out";
        }

        var line = Echo(SecretScrubber.Scrub(result.LastErrorLine(), key));
        return line.Length == 0 ? $"{what} failed (exit {result.ExitCode})" : $"{what} failed (exit {result.ExitCode}): {line}";
    }

    /// <summary>Remote text made safe for a one-line message: control characters become spaces, long text is cut.</summary>
    private static string Echo(string text)
    {
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var oneLine = new string(chars).Trim();
        return oneLine.Length <= MaxEchoedLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxEchoedLength), "…");
    }

    private static bool IsDaemonUnreachable(RemoteResult result) =>
        !result.TimedOut && result.ExitCode == 1 &&
        (result.StandardError.Contains("failed to connect to local tailscaled", StringComparison.OrdinalIgnoreCase) ||
         result.StandardOutput.Contains("failed to connect to local tailscaled", StringComparison.OrdinalIgnoreCase));

    private static bool IsCommandMissing(RemoteResult result) =>
        !result.TimedOut && (result.ExitCode == 127 ||
            (result.ExitCode != 0 && (result.StandardError.Contains("not found", StringComparison.OrdinalIgnoreCase) ||
                                      result.StandardError.Contains("No such file or directory", StringComparison.OrdinalIgnoreCase))));

    private static string FormatTags(IEnumerable<string> tags) => string.Join(", ", tags);

    private bool IsTooOld(Version version) => settings.MinVersion is { } min && version < min;

    private bool IsInTailnet(TailscaleStatus status) => string.Equals(status.TailnetSuffix, tailnetDomain, StringComparison.Ordinal);

    private string WrongTailnet(TailscaleStatus status)
    {
        var actual = status.TailnetSuffix.Length > 0 ? status.TailnetSuffix : "(unknown)";
        return $"host is in tailnet {Echo(actual)}, expected {tailnetDomain} (stagecraft never moves a node; run 'sudo tailscale logout' on the host to let it join)";
    }

    private static async Task<VersionRead> ReadVersionAsync(IRemoteSession session, CancellationToken cancellationToken)
    {
        var result = await session.RunAsync(TailscaleCommands.Version(), cancellationToken).ConfigureAwait(false);
        if (IsCommandMissing(result))
        {
            return new VersionRead(null, null);
        }

        if (!result.Succeeded)
        {
            return new VersionRead(null, CommandFailed("tailscale version", result, key: null));
        }

        var version = TailscaleVersions.ParseOutput(result.StandardOutput);
        if (version is null)
        {
            var line = Echo(TailscaleVersions.FirstLine(result.StandardOutput));
            return new VersionRead(null, line.Length == 0
                ? "tailscale version printed nothing"
                : $"could not read the tailscale version from '{line}'");
        }

        return new VersionRead(version, null);
    }

    /// <returns>The successful status result when tailscaled answers, else the failure message.</returns>
    private async Task<DaemonCheck> EnsureDaemonRunningAsync(IRemoteSession session, List<string> actions, CancellationToken cancellationToken)
    {
        var first = await session.RunAsync(TailscaleCommands.Status(), cancellationToken).ConfigureAwait(false);
        if (first.Succeeded)
        {
            return new DaemonCheck(first, null);
        }

        if (!IsDaemonUnreachable(first))
        {
            return new DaemonCheck(null, CommandFailed("tailscale status", first, key: null));
        }

        var start = await session.RunAsync(TailscaleCommands.Start(), cancellationToken).ConfigureAwait(false);
        if (!start.Succeeded)
        {
            return new DaemonCheck(null, CommandFailed("systemctl enable --now tailscaled", start, key: null));
        }

        actions.Add("started tailscaled");
        try
        {
            return await poller.PollAsync(
                async token =>
                {
                    var result = await session.RunAsync(TailscaleCommands.Status(), token).ConfigureAwait(false);
                    return result.Succeeded ? PollOutcome.Done(new DaemonCheck(result, null))
                        : IsDaemonUnreachable(result) ? PollOutcome.Pending<DaemonCheck>(Echo(result.LastErrorLine()))
                        : PollOutcome.Done(new DaemonCheck(null, CommandFailed("tailscale status", result, key: null)));
                },
                timings.DaemonStart,
                cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException ex)
        {
            return new DaemonCheck(null, $"tailscaled is not answering {DurationParser.Format(timings.DaemonStart.Timeout)} after systemctl enable --now tailscaled: {ex.Message}");
        }
    }

    /// <summary>Reads status, re-reading while the backend is NoState or Starting.</summary>
    /// <param name="alreadyRead">A status result this session just returned, used in place of the first read.</param>
    private async Task<StatusRead> ReadSettledStatusAsync(IRemoteSession session, Secret? key, RemoteResult? alreadyRead, CancellationToken cancellationToken)
    {
        var unused = alreadyRead;
        try
        {
            return await poller.PollAsync(
                async token =>
                {
                    var result = unused ?? await session.RunAsync(TailscaleCommands.Status(), token).ConfigureAwait(false);
                    unused = null;
                    if (!result.Succeeded)
                    {
                        return PollOutcome.Done(new StatusRead(null, CommandFailed("tailscale status", result, key)));
                    }

                    var status = TailscaleStatusParser.Parse(result.StandardOutput, out var error);
                    if (status is null)
                    {
                        return PollOutcome.Done(new StatusRead(null, error));
                    }

                    LogStatus(status, key);
                    return status.State is TailscaleBackendState.NoState or TailscaleBackendState.Starting
                        ? PollOutcome.Pending<StatusRead>($"tailscale stayed in {status.RawState}")
                        : PollOutcome.Done(new StatusRead(status, null));
                },
                timings.Settle,
                cancellationToken).ConfigureAwait(false);
        }
        catch (PollTimeoutException ex)
        {
            return new StatusRead(null, $"{ex.Message} for {DurationParser.Format(timings.Settle.Timeout)}");
        }
    }

    private void LogStatus(TailscaleStatus status, Secret? key)
    {
        if (!diagnostics.IsEnabled)
        {
            return;
        }

        var health = status.Health.Count == 0 ? "none" : string.Join("; ", status.Health.Select(h => Echo(SecretScrubber.Scrub(h, key))));
        diagnostics.Verbose(
            $"tailscale status: {Echo(status.RawState)}, tailnet '{Echo(status.TailnetSuffix)}', hostname '{Echo(status.HostName)}', tags [{Echo(FormatTags(status.Tags))}], health: {health}");
    }

    private async Task<StepResult> CheckRunningAsync(
        IRemoteSession session, TailscaleStatus status, string hostname, List<string> expected, CancellationToken cancellationToken)
    {
        if (!IsInTailnet(status))
        {
            return JoinFailed(WrongTailnet(status), key: null);
        }

        var missing = expected.Except(status.Tags, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var has = status.Tags.Count == 0 ? "none" : Echo(FormatTags(status.Tags));
            return JoinFailed(
                $"host is in tailnet {tailnetDomain} but lacks tags {FormatTags(missing)} (has {has}); re-auth needed: run 'sudo tailscale logout' on the host, then re-run with an auth key allowed to carry those tags",
                key: null);
        }

        if (string.Equals(status.HostName, hostname, StringComparison.Ordinal))
        {
            return StepResult.Ok();
        }

        var set = await session.RunAsync(TailscaleCommands.SetHostname(hostname), cancellationToken).ConfigureAwait(false);
        return set.Succeeded
            ? StepResult.Ok($"set tailscale hostname to {hostname}")
            : JoinFailed(CommandFailed("tailscale set", set, key: null), key: null);
    }

    private async Task<StepResult> LoginAsync(IRemoteSession session, string hostname, List<string> expected, CancellationToken cancellationToken)
    {
        var key = secrets.Read(settings.AuthKeyEnv);
        if (key is null)
        {
            return JoinFailed($"auth key missing: environment variable {settings.AuthKeyEnv} is not set", key: null);
        }

        var withTags = expected.Count == 0 ? string.Empty : $" with tags {FormatTags(expected)}";
        return await UpAndVerifyAsync(
            session,
            TailscaleCommands.Up(hostname, expected, key, timings.UpTimeout),
            key,
            hostname,
            expected,
            $"joined tailnet {tailnetDomain} as {hostname}{withTags}",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<StepResult> UpAndVerifyAsync(
        IRemoteSession session, RemoteCommand up, Secret? key, string hostname, List<string> expected, string action, CancellationToken cancellationToken)
    {
        var result = await session.RunAsync(up, cancellationToken).ConfigureAwait(false);
        var after = await ReadSettledStatusAsync(session, key, alreadyRead: null, cancellationToken).ConfigureAwait(false);
        if (after.Status?.State == TailscaleBackendState.NeedsMachineAuth)
        {
            return JoinFailed(AwaitingApproval, key);
        }

        if (!result.Succeeded)
        {
            return JoinFailed(CommandFailed("tailscale up", result, key), key);
        }

        if (after.Error is not null)
        {
            return JoinFailed($"after tailscale up: {after.Error}", key);
        }

        var status = after.Status!;
        var missing = expected.Except(status.Tags, StringComparer.Ordinal).ToList();
        if (status.State != TailscaleBackendState.Running || !IsInTailnet(status) || missing.Count > 0)
        {
            var tailnet = status.TailnetSuffix.Length > 0 ? status.TailnetSuffix : "(none)";
            return JoinFailed(
                $"after tailscale up the host is {Echo(status.RawState)} in tailnet {Echo(tailnet)} with tags [{Echo(FormatTags(status.Tags))}]; expected Running in {tailnetDomain} with tags [{FormatTags(expected)}]",
                key);
        }

        if (status.DnsName.Length > 0 && !string.Equals(status.DnsName, $"{hostname}.{tailnetDomain}", StringComparison.Ordinal) && diagnostics.IsEnabled)
        {
            diagnostics.Verbose($"tailscale named the node {Echo(status.DnsName)}, not {hostname}.{tailnetDomain} (another node may hold that name)");
        }

        return StepResult.Ok(action);
    }

    private sealed record VersionRead(Version? Version, string? Error);

    private sealed record StatusRead(TailscaleStatus? Status, string? Error);

    /// <summary>The successful <c>tailscale status</c> result, or why tailscaled does not answer.</summary>
    private sealed record DaemonCheck(RemoteResult? Status, string? Error);
}
