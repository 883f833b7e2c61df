using System.Globalization;

namespace Stagecraft.TestHosts.Tests;

/// <summary>A temp directory with a client key, a known_hosts file and one started test host.</summary>
internal sealed class HostFixture : IAsyncDisposable
{
    private HostFixture(string root, TestClientKey key, SshTestHost host)
    {
        Root = root;
        Key = key;
        Host = host;
        KnownHosts = Path.Combine(root, "known_hosts");
    }

    public string Root { get; }

    public TestClientKey Key { get; }

    public SshTestHost Host { get; }

    public string KnownHosts { get; }

    public static async Task<HostFixture> StartAsync(TestHostOptions options)
    {
        TestHostEnvironment.EnsureAvailable();
        var root = Directory.CreateTempSubdirectory("stagecraft-testhost-").FullName;
        var key = await TestClientKey.CreateAsync(Path.Combine(root, "client"));
        var host = await SshTestHost.StartAsync(options, key, Path.Combine(root, "state"), CancellationToken.None);
        return new HostFixture(root, key, host);
    }

    /// <summary>Plain OpenSSH client, trust on first use, exactly as the brief's self-tests prescribe.</summary>
    public Task<ProcessResult> SshAsync(string command, string? standardInput = null) =>
        ProcessRunner.RunAsync(
            "ssh",
            [
                "-o", $"UserKnownHostsFile={KnownHosts}",
                "-o", "StrictHostKeyChecking=accept-new",
                "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR",
                "-i", Key.PrivateKeyPath,
                "-p", Host.Port.ToString(CultureInfo.InvariantCulture),
                $"{Host.User}@{Host.Address}",
                command,
            ],
            standardInput,
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
