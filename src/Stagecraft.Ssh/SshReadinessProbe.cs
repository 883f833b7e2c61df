using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Waiting;

namespace Stagecraft.Ssh;

/// <summary>
/// Waits for a fresh host: polls (1 s, ×1.5, at most 10 s apart) until TCP, handshake, key authentication and
/// <c>true</c> succeed or <see cref="SshSettings.ReadyTimeout"/> passes; a changed host key ends the wait at once.
/// Then waits for cloud-init's first boot with <c>timeout 900 cloud-init status --wait</c> on the same connection,
/// and hands that connection over in <see cref="ReadinessResult.Session"/> (one key exchange per host). A connection
/// that does not end up handed over (not ready, error, cancellation) is closed before this returns or throws.
/// Does not own the <see cref="SshContext"/>.
/// </summary>
public sealed class SshReadinessProbe : IReadinessProbe
{
    internal static readonly PollOptions Backoff = new(TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 1.5);
    internal static readonly RemoteCommand Probe = new(["true"]) { Timeout = TimeSpan.FromSeconds(30) };
    internal static readonly RemoteCommand CloudInitWait =
        new(["timeout", "900", "cloud-init", "status", "--wait"]) { Timeout = TimeSpan.FromMinutes(16) };

    private readonly SshContext context;

    public SshReadinessProbe(SshContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
    }

    public async Task<ReadinessResult> WaitUntilReadyAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrEmpty(host.PublicIp))
        {
            return ReadinessResult.NotReady($"host {host.Name} has no public IP address");
        }

        var address = host.PublicIp;
        var endpoint = context.Endpoint(address);
        var (session, notReady) = await WaitForSshAsync(address, endpoint, cancellationToken).ConfigureAwait(false);
        if (notReady is not null)
        {
            return notReady;
        }

        var handedOver = false;
        try
        {
            var cloudInit = await WaitForCloudInitAsync(session!, endpoint, cancellationToken).ConfigureAwait(false);
            if (!cloudInit.IsReady)
            {
                return cloudInit;
            }

            handedOver = true;
            return ReadinessResult.ReadyWith(session!);
        }
        finally
        {
            if (!handedOver)
            {
                await session!.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<(SshRemoteSession? Session, ReadinessResult? Result)> WaitForSshAsync(string address, string endpoint, CancellationToken cancellationToken)
    {
        // The deadline also cuts an attempt short (a connect can take up to 15 s), not just the sleeps between attempts.
        using var deadline = new CancellationTokenSource(context.Settings.ReadyTimeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var lastReason = "timed out";
        var poller = new Poller(context.Time);
        try
        {
            var session = await poller.PollAsync(
                async token =>
                {
                    var outcome = await TryOnceAsync(address, endpoint, token).ConfigureAwait(false);
                    // An attempt cut short by the deadline says only "timed out": keep the last real reason
                    // (e.g. "authentication failed for root@… with key …") for the report.
                    if (!outcome.IsDone && (!token.IsCancellationRequested || lastReason == "timed out"))
                    {
                        lastReason = outcome.PendingReason;
                        context.Diagnostics.Verbose($"ssh {endpoint}: not ready yet: {lastReason}");
                    }

                    return outcome;
                },
                Backoff with { Timeout = context.Settings.ReadyTimeout },
                linked.Token).ConfigureAwait(false);
            return (session, null);
        }
        catch (RemoteConnectionException e) when (e.InnerException is SshConnectFailure { Kind: SshFailureKind.HostKeyRefused })
        {
            return (null, ReadinessResult.NotReady(e.Message));
        }
        catch (PollTimeoutException)
        {
            return (null, NoSsh(endpoint, lastReason));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, NoSsh(endpoint, lastReason));
        }
    }

    private ReadinessResult NoSsh(string endpoint, string reason) =>
        ReadinessResult.NotReady($"no SSH on {endpoint} after {DurationParser.Format(context.Settings.ReadyTimeout)}: {reason}");

    private async Task<PollOutcome<SshRemoteSession>> TryOnceAsync(string address, string endpoint, CancellationToken cancellationToken)
    {
        SshRemoteSession session;
        try
        {
            session = await context.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteConnectionException e) when (e.InnerException is SshConnectFailure { Kind: not SshFailureKind.HostKeyRefused } failure)
        {
            return PollOutcome.Pending<SshRemoteSession>(failure.Message);
        }

        try
        {
            var result = await session.RunAsync(Probe, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return PollOutcome.Done(session);
            }

            await session.DisposeAsync().ConfigureAwait(false);
            return PollOutcome.Pending<SshRemoteSession>($"`true` failed: {result.Describe()}");
        }
        catch (RemoteConnectionException e)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            return PollOutcome.Pending<SshRemoteSession>(e.Message);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ReadinessResult> WaitForCloudInitAsync(SshRemoteSession session, string endpoint, CancellationToken cancellationToken)
    {
        RemoteResult result;
        try
        {
            result = await session.RunAsync(CloudInitWait, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteConnectionException e)
        {
            return ReadinessResult.NotReady(e.Message);
        }

        return InterpretCloudInit(result, endpoint, context.Diagnostics);
    }

    /// <summary>Maps <c>timeout 900 cloud-init status --wait</c>: 0/2 done, 1 done with errors, 127 no cloud-init, 124 still running.</summary>
    internal static ReadinessResult InterpretCloudInit(RemoteResult result, string endpoint, IDiagnostics diagnostics)
    {
        switch (result)
        {
            case { TimedOut: true } or { ExitCode: 124 }:
                return ReadinessResult.NotReady("cloud-init still running after 15m");
            case { ExitCode: 0 or 2 }:
                return ReadinessResult.Ready;
            case { ExitCode: 1 }:
                diagnostics.Verbose($"ssh {endpoint}: cloud-init finished with errors (exit 1); see `cloud-init status --long` on the host");
                return ReadinessResult.Ready;
            case { ExitCode: 127 }:
                diagnostics.Verbose($"ssh {endpoint}: no cloud-init on this image; not waiting for first boot");
                return ReadinessResult.Ready;
            default:
                return ReadinessResult.NotReady($"cloud-init status --wait failed on {endpoint}: {result.Describe()}");
        }
    }
}
