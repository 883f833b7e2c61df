using Renci.SshNet;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// The offers a connection makes: cheap safe key exchange and cipher first. Against the real sshd (OpenSSH 9.2, which
/// lists sntrup761x25519 first and has no ML-KEM), SSH.NET's own order would negotiate sntrup761x25519-sha512, about
/// 75 ms of managed CPU per connection.
/// </summary>
public sealed class SshAlgorithmPreferencesTests : IClassFixture<RootHostFixture>
{
    private readonly RootHostFixture fixture;

    public SshAlgorithmPreferencesTests(RootHostFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public void Apply_PutsPostQuantumMlKemThenCurve25519First_AndKeepsEveryOtherOffer()
    {
        var info = new ConnectionInfo("127.0.0.1", "root", new PasswordAuthenticationMethod("root", "unused"));
        var before = info.KeyExchangeAlgorithms.Keys.ToList();

        SshAlgorithmPreferences.Apply(info);

        var after = info.KeyExchangeAlgorithms.Keys.ToList();
        Assert.Equal(["mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org"], after.Take(3));
        Assert.True(after.IndexOf("curve25519-sha256") < after.IndexOf("sntrup761x25519-sha512@openssh.com"));
        Assert.Equal(before.Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_PutsAesGcmFirst_AndKeepsEveryOtherCipher()
    {
        var info = new ConnectionInfo("127.0.0.1", "root", new PasswordAuthenticationMethod("root", "unused"));
        var before = info.Encryptions.Keys.ToList();

        SshAlgorithmPreferences.Apply(info);

        var after = info.Encryptions.Keys.ToList();
        Assert.Equal(["aes256-gcm@openssh.com", "aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com"], after.Take(3));
        Assert.Equal(before.Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reorder_SkipsPreferredNamesThisLibraryLacks()
    {
        var info = new ConnectionInfo("127.0.0.1", "root", new PasswordAuthenticationMethod("root", "unused"));
        info.Encryptions.Clear();
        var dictionary = info.Encryptions;
        dictionary.Add("x", null!);
        dictionary.Add("y", null!);

        SshAlgorithmPreferences.Reorder(dictionary, ["missing", "y"]);

        Assert.Equal(["y", "x"], dictionary.Keys);
    }

    [Fact]
    public void Connect_ToOpenSsh92_NegotiatesCurve25519AndAesGcm()
    {
        var connected = fixture.Diagnostics.Messages.Single(line => line.StartsWith($"ssh: connected to {RootHostFixture.Address}:2222", StringComparison.Ordinal));

        Assert.Equal(
            $"ssh: connected to {RootHostFixture.Address}:2222: key exchange curve25519-sha256, host key ssh-ed25519, cipher aes256-gcm@openssh.com",
            connected);
    }
}
