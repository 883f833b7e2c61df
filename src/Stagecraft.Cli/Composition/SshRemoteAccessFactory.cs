using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Remote;
using Stagecraft.Ssh;

namespace Stagecraft.Cli.Composition;

/// <summary>
/// Production remote ports: one <see cref="SshContext"/> per run (the key loaded once, one known_hosts store) shared
/// by the SSH.NET readiness probe, which hands its proven connection to the bootstrap, and the session factory.
/// Loading the key here fails fast (exit 1) before any cloud call.
/// </summary>
internal sealed class SshRemoteAccessFactory : IRemoteAccessFactory
{
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;

    public SshRemoteAccessFactory(TimeProvider time, IDiagnostics diagnostics)
    {
        this.time = time;
        this.diagnostics = diagnostics;
    }

    /// <remarks>
    /// The context lives as long as the run (the process): <see cref="RemoteAccess"/> has no owner that disposes it,
    /// and all the context holds besides the key is the known_hosts store's in-process write gate.
    /// </remarks>
    public RemoteAccess Create(SshSettings settings)
    {
        var ssh = new SshContext(settings, time, diagnostics);
        return new(new SshReadinessProbe(ssh), new SshRemoteSessionFactory(ssh));
    }

    /// <remarks>TODO(#10): key readable and parses, passphrase available, agent reachable, known_hosts writable.</remarks>
    public Task<IReadOnlyList<PreflightFinding>> PreflightAsync(SshSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PreflightFinding>>([]);
}
