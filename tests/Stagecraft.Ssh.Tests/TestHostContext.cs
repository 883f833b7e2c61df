using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>A temp directory with a client key and a known_hosts path, plus helpers to start test hosts on 127.0.0.1xx.</summary>
internal sealed class TestHostContext : IAsyncDisposable
{
    private readonly List<SshTestHost> hosts = [];

    private TestHostContext(TempDirectory temp, TestClientKey clientKey)
    {
        Temp = temp;
        ClientKey = clientKey;
        KnownHostsFile = temp.File("client/.ssh/known_hosts");
    }

    public TempDirectory Temp { get; }

    public TestClientKey ClientKey { get; }

    public string KnownHostsFile { get; }

    public static async Task<TestHostContext> CreateAsync()
    {
        TestHostEnvironment.EnsureAvailable();
        var temp = new TempDirectory();
        var key = await TestClientKey.CreateAsync(temp.File("client-key"));
        return new TestHostContext(temp, key);
    }

    public static Host HostAt(string address) => new("app-1", "test-app-1", "1", "app", address, []);

    public SshSettings Settings(string user = "root", TimeSpan? readyTimeout = null, string? privateKeyPath = null) =>
        new(user, 2222, privateKeyPath ?? ClientKey.PrivateKeyPath, KnownHostsFile, readyTimeout ?? TimeSpan.FromMinutes(1));

    public async Task<SshTestHost> StartHostAsync(string address, string user = "root", bool sudoRequiresPassword = false)
    {
        var host = await SshTestHost.StartAsync(
            new TestHostOptions { Address = address, User = user, SudoRequiresPassword = sudoRequiresPassword },
            ClientKey,
            Temp.File("host-" + address),
            CancellationToken.None);
        hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        Temp.Dispose();
    }
}
