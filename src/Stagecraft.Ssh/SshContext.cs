using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// What every SSH connection of one run shares: the settings, the private key (loaded once) and the one
/// <see cref="KnownHostsStore"/> on <see cref="SshSettings.KnownHostsFile"/>. Built once in the composition root and
/// passed to both <see cref="SshReadinessProbe"/> and <see cref="SshRemoteSessionFactory"/>, so both connect the
/// same way and the sessions the probe hands over behave exactly like the factory's.
/// </summary>
public sealed class SshContext : IDisposable
{
    private readonly KnownHostsStore knownHosts;
    private readonly SshConnector connector;

    /// <exception cref="ConfigException">The private key cannot be used (see <see cref="SshKeyLoader"/>).</exception>
    public SshContext(SshSettings settings, TimeProvider time, IDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(diagnostics);
        Settings = settings;
        Time = time;
        Diagnostics = diagnostics;
        var key = SshKeyLoader.Load(settings.PrivateKeyPath);
        knownHosts = new KnownHostsStore(settings.KnownHostsFile, time);
        connector = new SshConnector(settings, key, knownHosts, diagnostics);
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

    public void Dispose() => knownHosts.Dispose();
}
