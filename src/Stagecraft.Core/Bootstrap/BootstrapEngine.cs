using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Bootstrap;

/// <summary>
/// Bootstraps hosts: SSH ready → OS check → Docker detect/install/verify → network install → network join.
/// Each step checks before it acts, so a second run changes nothing. A host's failure is its result and never
/// stops the others. Hosts run in parallel up to a bound; results come back keyed by host name.
/// </summary>
public sealed class BootstrapEngine
{
    private readonly RemoteAccess remote;
    private readonly INetworkProvider network;
    private readonly INetworkProviderSettings networkSettings;
    private readonly DockerSettings docker;
    private readonly IProgressReporter progress;

    public BootstrapEngine(RemoteAccess remote, INetworkProvider network, INetworkProviderSettings networkSettings, DockerSettings docker, IProgressReporter progress)
    {
        this.remote = remote;
        this.network = network;
        this.networkSettings = networkSettings;
        this.docker = docker;
        this.progress = progress;
    }

    /// <summary>
    /// Appended to a host's "not ready" SSH failure, e.g. which cloud firewall admits SSH from where: a rule that locks
    /// the operator out then fails loudly, naming the firewall. Empty: nothing appended.
    /// </summary>
    public string ReadinessHint { get; init; } = string.Empty;

    /// <summary>Bootstraps <paramref name="hosts"/> (processed in name order) with at most <paramref name="parallelism"/> at once.</summary>
    public async Task<IReadOnlyDictionary<string, BootstrapOutcome>> RunAsync(IReadOnlyList<Host> hosts, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var ordered = hosts.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var results = new Dictionary<string, BootstrapOutcome>(StringComparer.Ordinal);
        var gate = new object();
        // Scheduling ignores the token so every host gets a result: after Ctrl-C, hosts not started are "not
        // started" and hosts in flight are "interrupted"; the caller then reports the interrupt.
        await Parallel.ForEachAsync(
            ordered,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            async (host, _) =>
            {
                BootstrapOutcome outcome;
                if (cancellationToken.IsCancellationRequested)
                {
                    outcome = BootstrapOutcome.NotStarted;
                }
                else
                {
                    try
                    {
                        outcome = await BootstrapHostAsync(host, cancellationToken).ConfigureAwait(false);
                        progress.Report(host.Name, outcome.Status == BootstrapStatus.Success ? HostStage.Done : HostStage.Failed);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        outcome = BootstrapOutcome.Interrupted;
                    }
                    catch (Exception ex)
                    {
                        // A bug anywhere in this host's bootstrap (a port, a parser, a library) fails this host only;
                        // an exception escaping here would leave every other host without a result.
                        outcome = BootstrapOutcome.InternalError(ex);
                        ReportFailedQuietly(host.Name);
                    }
                }

                lock (gate)
                {
                    results[host.Name] = outcome;
                }
            }).ConfigureAwait(false);
        return results;
    }

    /// <summary>Progress never affects the result: a progress view that throws here is ignored.</summary>
    private void ReportFailedQuietly(string hostName)
    {
        try
        {
            progress.Report(hostName, HostStage.Failed);
        }
        catch (Exception)
        {
            // The outcome already says what happened.
        }
    }

    /// <summary>
    /// Bootstraps one host. Uses the session the readiness probe handed over when there is one (and connects through
    /// <see cref="RemoteAccess.Sessions"/> only when there is none); either way this method owns the session and
    /// disposes it on every path, cancellation included.
    /// </summary>
    public async Task<BootstrapOutcome> BootstrapHostAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrEmpty(host.PublicIp))
        {
            return BootstrapOutcome.Failed(BootstrapErrorCodes.SshFailed, "host has no public IPv4 address");
        }

        progress.Report(host.Name, HostStage.WaitingForSsh);
        var ready = await remote.Readiness.WaitUntilReadyAsync(host, cancellationToken).ConfigureAwait(false);
        var session = ready.Session;
        try
        {
            if (!ready.IsReady)
            {
                return BootstrapOutcome.Failed(BootstrapErrorCodes.SshFailed, ReadinessHint.Length > 0 ? $"{ready.Message}; {ReadinessHint}" : ready.Message);
            }

            session ??= await remote.Sessions.ConnectAsync(host, cancellationToken).ConfigureAwait(false);
            return await RunStepsAsync(session, host, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteConnectionException ex)
        {
            return BootstrapOutcome.Failed(BootstrapErrorCodes.SshFailed, ex.Message);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<BootstrapOutcome> RunStepsAsync(IRemoteSession session, Host host, CancellationToken cancellationToken)
    {
        var steps = new List<string>();
        BootstrapOutcome Failed(StepResult step) => BootstrapOutcome.Failed(step.ErrorCode, step.Message) with { Steps = [.. steps] };

        progress.Report(host.Name, HostStage.CheckingOs);
        var osStep = await CheckOsAsync(session, cancellationToken).ConfigureAwait(false);
        if (!osStep.Succeeded)
        {
            return Failed(osStep);
        }

        if (docker.Enabled)
        {
            progress.Report(host.Name, HostStage.InstallingDocker);
            var dockerStep = await EnsureDockerAsync(session, cancellationToken).ConfigureAwait(false);
            if (!dockerStep.Succeeded)
            {
                return Failed(dockerStep);
            }

            steps.AddRange(dockerStep.Actions);
            if (!session.UserIsRoot)
            {
                var groupStep = await EnsureDockerGroupAsync(session, cancellationToken).ConfigureAwait(false);
                if (!groupStep.Succeeded)
                {
                    return Failed(groupStep);
                }

                steps.AddRange(groupStep.Actions);
            }
        }

        progress.Report(host.Name, HostStage.InstallingNetwork);
        var installed = await network.EnsureInstalledAsync(session, host, cancellationToken).ConfigureAwait(false);
        if (!installed.Succeeded)
        {
            return Failed(installed);
        }

        steps.AddRange(installed.Actions);
        progress.Report(host.Name, HostStage.JoiningNetwork);
        var joined = await network.EnsureJoinedAsync(session, host, HostTags.For(host.Role, networkSettings), cancellationToken).ConfigureAwait(false);
        if (!joined.Succeeded)
        {
            return Failed(joined);
        }

        steps.AddRange(joined.Actions);
        return BootstrapOutcome.Success with { Steps = [.. steps] };
    }

    /// <summary>A non-root login user joins the <c>docker</c> group; nothing is done when it is a member already.</summary>
    private static async Task<StepResult> EnsureDockerGroupAsync(IRemoteSession session, CancellationToken cancellationToken)
    {
        var listed = await session.RunAsync(DockerGroupCommands.LoginUserGroups(), cancellationToken).ConfigureAwait(false);
        var parsed = listed.Succeeded ? DockerGroupCommands.Parse(listed.StandardOutput) : null;
        if (parsed is not { } membership)
        {
            return StepResult.Fail(BootstrapErrorCodes.DockerGroupFailed, $"cannot tell whether the login user is in the docker group: id -nG failed or printed something unexpected ({listed.Describe()})");
        }

        if (membership.Member)
        {
            return StepResult.Ok($"{membership.User} is in the docker group");
        }

        var added = await session.RunAsync(DockerGroupCommands.AddToGroup(membership.User), cancellationToken).ConfigureAwait(false);
        return added.Succeeded
            ? StepResult.Ok($"added {membership.User} to the docker group (effective from the next login)")
            : StepResult.Fail(BootstrapErrorCodes.DockerGroupFailed, $"cannot add {membership.User} to the docker group: usermod -aG docker {membership.User} failed ({added.Describe()})");
    }

    private static async Task<StepResult> CheckOsAsync(IRemoteSession session, CancellationToken cancellationToken)
    {
        var result = await session.RunAsync(OsCommands.ReadOsRelease(), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return StepResult.Fail(BootstrapErrorCodes.ConfigInvalid, $"cannot read /etc/os-release ({result.Describe()})");
        }

        var os = OsRelease.Parse(result.StandardOutput);
        return os.IsSupported
            ? StepResult.Ok()
            : StepResult.Fail(BootstrapErrorCodes.ConfigInvalid, $"unsupported operating system: {os.Describe()} (supported: {OsRelease.SupportedList})");
    }

    private async Task<StepResult> EnsureDockerAsync(IRemoteSession session, CancellationToken cancellationToken)
    {
        var detected = await session.RunAsync(DockerCommands.Detect(), cancellationToken).ConfigureAwait(false);
        var version = detected.ExitCode == 0 ? DockerVersion.TryParse(detected.StandardOutput) : null;
        if (detected.Succeeded && version is { DaemonUsable: true })
        {
            return StepResult.Ok();
        }

        if (detected.Succeeded && version is null)
        {
            return StepResult.Fail(BootstrapErrorCodes.DockerDetectFailed, "docker version printed output that is not the expected JSON");
        }

        // Exit 127: no binary (the fresh-host case, one command). Any other failure: ask whether the binary exists.
        var binaryPresent = detected.ExitCode != DockerCommands.NotInstalledExitCode
            && (await session.RunAsync(DockerCommands.BinaryPresent(), cancellationToken).ConfigureAwait(false)).Succeeded;
        if (binaryPresent)
        {
            // The binary is there but the daemon is not usable: start it rather than reinstall.
            var started = await session.RunAsync(DockerCommands.StartService(), cancellationToken).ConfigureAwait(false);
            if (!started.Succeeded)
            {
                return StepResult.Fail(BootstrapErrorCodes.DockerVerifyFailed, $"docker is installed but its service does not start: systemctl enable --now docker failed ({started.Describe()})");
            }
        }
        else
        {
            var install = docker.InstallMethod switch
            {
                DockerInstallMethod.Apt => DockerCommands.InstallApt(),
                DockerInstallMethod.Script => DockerCommands.InstallScript(),
                _ => null,
            };
            if (install is null)
            {
                return StepResult.Fail(BootstrapErrorCodes.DockerDetectFailed, $"docker is not installed ({detected.Describe()}) and install_method is skip");
            }

            var installed = await session.RunAsync(install, cancellationToken).ConfigureAwait(false);
            if (!installed.Succeeded)
            {
                var method = docker.InstallMethod == DockerInstallMethod.Apt ? "apt" : "script";
                return StepResult.Fail(BootstrapErrorCodes.DockerInstallFailed, $"docker install ({method}) failed ({installed.Describe()})");
            }
        }

        var verified = await session.RunAsync(DockerCommands.Detect(), cancellationToken).ConfigureAwait(false);
        var after = verified.ExitCode == 0 ? DockerVersion.TryParse(verified.StandardOutput) : null;
        return verified.Succeeded && after is { DaemonUsable: true }
            ? StepResult.Ok("docker installed")
            : StepResult.Fail(BootstrapErrorCodes.DockerVerifyFailed, $"docker is still not usable after install ({verified.Describe()})");
    }
}
