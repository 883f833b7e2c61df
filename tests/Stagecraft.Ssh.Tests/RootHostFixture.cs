using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;
using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>One root test host on 127.0.0.101:2222 and a connected session, shared by <see cref="SshRemoteSessionTests"/>.</summary>
public sealed class RootHostFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.101";

    private TestHostContext? context;

    internal TestHostContext Context => context!;

    internal SshTestHost Host { get; private set; } = null!;

    internal RecordingDiagnostics Diagnostics { get; } = new();

    internal SshContext Ssh { get; private set; } = null!;

    internal SshRemoteSessionFactory Factory { get; private set; } = null!;

    internal IRemoteSession Session { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        context = await TestHostContext.CreateAsync();
        Host = await context.StartHostAsync(Address);
        Ssh = new SshContext(context.Settings(), TimeProvider.System, Diagnostics);
        Factory = new SshRemoteSessionFactory(Ssh);
        Session = await Factory.ConnectAsync(TestHostContext.HostAt(Address), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        Ssh.Dispose();
        await Context.DisposeAsync();
    }
}
