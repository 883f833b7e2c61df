using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;
using Stagecraft.Ssh;

namespace Stagecraft.Cli.Composition;

/// <summary>Production remote ports: SSH.NET readiness probe and sessions. Loading the key here fails fast (exit 1) before any cloud call.</summary>
internal sealed class SshRemoteAccessFactory : IRemoteAccessFactory
{
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;

    public SshRemoteAccessFactory(TimeProvider time, IDiagnostics diagnostics)
    {
        this.time = time;
        this.diagnostics = diagnostics;
    }

    public RemoteAccess Create(SshSettings settings) =>
        new(new SshReadinessProbe(settings, time, diagnostics), new SshRemoteSessionFactory(settings, time, diagnostics));
}
