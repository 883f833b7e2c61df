using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>The SSH adapter of <see cref="IRemoteSessionFactory"/>: key auth, TOFU host keys, exec channels without a PTY.</summary>
public sealed class SshRemoteSessionFactory : IRemoteSessionFactory, IDisposable
{
    private readonly SshSettings settings;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly KnownHostsStore knownHosts;
    private readonly SshConnector connector;

    /// <exception cref="ConfigException">The private key cannot be used (see <see cref="SshKeyLoader"/>).</exception>
    public SshRemoteSessionFactory(SshSettings settings, TimeProvider time, IDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(diagnostics);
        this.settings = settings;
        this.time = time;
        this.diagnostics = diagnostics;
        var key = SshKeyLoader.Load(settings.PrivateKeyPath);
        knownHosts = new KnownHostsStore(settings.KnownHostsFile, time);
        connector = new SshConnector(settings, key, knownHosts, diagnostics);
    }

    public async Task<IRemoteSession> ConnectAsync(Host host, CancellationToken cancellationToken)
    {
        var address = SshAddress.Of(host);
        var client = await connector.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        return new SshRemoteSession(client, connector.Endpoint(address), settings, time, diagnostics);
    }

    public void Dispose() => knownHosts.Dispose();
}
