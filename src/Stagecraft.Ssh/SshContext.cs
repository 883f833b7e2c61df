using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// What every SSH connection of one run shares: the settings, the identities (the agent's keys, then the key file;
/// loaded once) and the one
/// <see cref="KnownHostsStore"/> on <see cref="SshSettings.KnownHostsFile"/>. Built once in the composition root and
/// passed to both <see cref="SshReadinessProbe"/> and <see cref="SshRemoteSessionFactory"/>, so both connect the
/// same way and the sessions the probe hands over behave exactly like the factory's.
/// </summary>
public sealed class SshContext : IDisposable
{
    private readonly KnownHostsStore knownHosts;
    private readonly SshConnector connector;

    /// <summary>Without passphrases or an agent: an unprotected key file only.</summary>
    /// <exception cref="ConfigException">The private key cannot be used (see <see cref="SshKeyLoader"/>).</exception>
    public SshContext(SshSettings settings, TimeProvider time, IDiagnostics diagnostics)
        : this(settings, SshCredentialSources.None, time, diagnostics)
    {
    }

    /// <exception cref="ConfigException">
    /// An identity cannot be used: the key file (missing, unreadable, no key, passphrase missing or wrong) or the agent
    /// (SSH_AUTH_SOCK unset, unreachable, no keys). One line per problem, each blaming its config key.
    /// </exception>
    public SshContext(SshSettings settings, SshCredentialSources credentials, TimeProvider time, IDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(diagnostics);
        Settings = settings;
        Time = time;
        Diagnostics = diagnostics;
        var (identities, problems) = SshIdentityLoader.Load(settings, credentials);
        if (problems.Count > 0)
        {
            throw new ConfigException(string.Join('\n', problems));
        }

        knownHosts = new KnownHostsStore(settings.KnownHostsFile, time);
        connector = new SshConnector(settings, identities, knownHosts, diagnostics);
    }

    public SshSettings Settings { get; }

    internal TimeProvider Time { get; }

    internal IDiagnostics Diagnostics { get; }

    /// <summary><c>address:port</c>, as used in messages.</summary>
    internal string Endpoint(string address) => connector.Endpoint(address);

    /// <summary>Connects, authenticates and checks the host key (TOFU); the caller owns the session.</summary>
    /// <exception cref="RemoteConnectionException">Unreachable, handshake failed, key refused, or host key changed.</exception>
    internal async Task<SshRemoteSession> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        var client = await connector.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        return new SshRemoteSession(client, Endpoint(address), Settings, Time, Diagnostics);
    }

    /// <summary>Forgets the host key pinned for <paramref name="address"/> on the configured port; false when none was.</summary>
    internal Task<bool> ForgetAsync(string address, CancellationToken cancellationToken) =>
        knownHosts.ForgetAsync(address, Settings.Port, cancellationToken);

    /// <summary>Connects only when the host presents its pinned key; never pins (verify-only, for read-only commands).</summary>
    /// <exception cref="RemoteConnectionException">Unreachable, handshake failed, key refused, host key changed or not pinned.</exception>
    internal async Task<SshRemoteSession> ConnectVerifiedAsync(string address, CancellationToken cancellationToken)
    {
        var client = await connector.ConnectAsync(address, cancellationToken, pinOnFirstUse: false).ConfigureAwait(false);
        return new SshRemoteSession(client, Endpoint(address), Settings, Time, Diagnostics);
    }

    public void Dispose() => knownHosts.Dispose();
}
