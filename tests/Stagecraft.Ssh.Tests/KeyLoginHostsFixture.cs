using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// Two root test hosts for <see cref="SshKeyLoginTests"/>: <see cref="AnyKeyAddress"/> with sshd's default algorithms, and
/// <see cref="RsaSha2OnlyAddress"/> whose sshd accepts only <c>rsa-sha2-512,rsa-sha2-256</c> (as current OpenSSH
/// refuses SHA-1 <c>ssh-rsa</c>). Tests authorize their own keys with <see cref="AuthorizeAsync"/>.
/// </summary>
public sealed class KeyLoginHostsFixture : IAsyncLifetime
{
    public const string AnyKeyAddress = "127.0.6.1";
    public const string RsaSha2OnlyAddress = "127.0.6.2";

    private TestHostContext? context;

    internal SshTestHost AnyKey { get; private set; } = null!;

    internal SshTestHost RsaSha2Only { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        context = await TestHostContext.CreateAsync();
        AnyKey = await SshTestHost.StartAsync(new TestHostOptions { Address = AnyKeyAddress }, context.ClientKey, context.Temp.File("host-any"));
        RsaSha2Only = await SshTestHost.StartAsync(
            new TestHostOptions { Address = RsaSha2OnlyAddress, PubkeyAcceptedAlgorithms = "rsa-sha2-512,rsa-sha2-256" },
            context.ClientKey,
            context.Temp.File("host-rsa-sha2"));
    }

    /// <summary>Adds the public key <c>PATH.pub</c> to the host's authorized_keys (sshd reads it at every login).</summary>
    internal static async Task AuthorizeAsync(SshTestHost host, string privateKeyPath) =>
        await File.AppendAllTextAsync(Path.Combine(host.StateDirectory, "authorized_keys"), await File.ReadAllTextAsync(privateKeyPath + ".pub"));

    public async Task DisposeAsync()
    {
        await AnyKey.DisposeAsync();
        await RsaSha2Only.DisposeAsync();
        await context!.DisposeAsync();
    }
}
