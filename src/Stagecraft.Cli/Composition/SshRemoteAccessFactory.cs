using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Secrets;
using Stagecraft.Ssh;

namespace Stagecraft.Cli.Composition;

/// <summary>
/// Production remote ports: one <see cref="SshContext"/> per run (identities loaded once, one known_hosts store) shared
/// by the SSH.NET readiness probe, which hands its proven connection to the bootstrap, and the session factory.
/// Loading the identities here fails fast (exit 1) before any cloud call. <c>SSH_AUTH_SOCK</c> is read only for
/// <c>agent: true</c>; the passphrase only from the variable <c>private_key_passphrase_env</c> names.
/// </summary>
internal sealed class SshRemoteAccessFactory : IRemoteAccessFactory
{
    internal const string AgentSocketVariable = "SSH_AUTH_SOCK";

    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly ISecretSource secrets;
    private readonly Func<string, string?> environment;

    public SshRemoteAccessFactory(TimeProvider time, IDiagnostics diagnostics, ISecretSource secrets, Func<string, string?> environment)
    {
        this.time = time;
        this.diagnostics = diagnostics;
        this.secrets = secrets;
        this.environment = environment;
    }

    /// <remarks>
    /// The context lives as long as the run (the process): <see cref="RemoteAccess"/> has no owner that disposes it,
    /// and all the context holds besides the identities is the known_hosts store's in-process write gate.
    /// </remarks>
    public RemoteAccess Create(SshSettings settings)
    {
        var ssh = new SshContext(settings, Credentials(settings), time, diagnostics);
        return new(new SshReadinessProbe(ssh), new SshRemoteSessionFactory(ssh), new SshHostKeyPins(ssh));
    }

    /// <summary>A context of its own whose connections trust only pinned keys and never write known_hosts.</summary>
    public IVerifiedSessionFactory CreateVerifyOnly(SshSettings settings) =>
        new SshVerifiedSessionFactory(new SshContext(settings, Credentials(settings), time, diagnostics));

    /// <summary>Key readable and parses, passphrase available, agent reachable, known_hosts writable; nothing written.</summary>
    public Task<LocalPreflight> PreflightAsync(SshSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SshPreflight.Check(settings, Credentials(settings)));
    }

    private SshCredentialSources Credentials(SshSettings settings) =>
        new(secrets, settings.Agent ? environment(AgentSocketVariable) : null);
}
