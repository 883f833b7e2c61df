using Stagecraft.Core.Secrets;

namespace Stagecraft.Ssh.Tests;

/// <summary>Every supported key type and file format, with and without passphrase, as <see cref="SshKeyLoader"/> reads them.</summary>
public sealed class SshKeyFormatsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public static TheoryData<string, string, string, string> Formats => new()
    {
        { "ed25519", "openssh", "-----BEGIN OPENSSH PRIVATE KEY-----", "ssh-ed25519" },
        { "ecdsa", "openssh", "-----BEGIN OPENSSH PRIVATE KEY-----", "ecdsa-sha2-nistp256" },
        { "rsa", "openssh", "-----BEGIN OPENSSH PRIVATE KEY-----", "ssh-rsa" },
        { "ecdsa", "pem", "-----BEGIN EC PRIVATE KEY-----", "ecdsa-sha2-nistp256" },
        { "rsa", "pem", "-----BEGIN RSA PRIVATE KEY-----", "ssh-rsa" },
        { "ecdsa", "pkcs8", "-----BEGIN PRIVATE KEY-----", "ecdsa-sha2-nistp256" },
        { "rsa", "pkcs8", "-----BEGIN PRIVATE KEY-----", "ssh-rsa" },
    };

    public static TheoryData<string, string> LockedFormats => new()
    {
        { "ed25519", "openssh" },
        { "ecdsa", "openssh" },
        { "rsa", "openssh" },
        { "ecdsa", "pem" },
        { "rsa", "pem" },
        { "ecdsa", "pkcs8" },
        { "rsa", "pkcs8" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Load_EachTypeAndFormat_ReturnsKeyOfThatType(string type, string format, string header, string keyType)
    {
        var path = await KeyFiles.CreateAsync(temp.Path, type, format);

        var key = SshKeyLoader.Load(path);

        Assert.StartsWith(header, File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(keyType, key.KeyType);
    }

    [Theory]
    [MemberData(nameof(LockedFormats))]
    public async Task TryLoad_WhenProtectedAndPassphraseGiven_DecryptsIt(string type, string format)
    {
        var path = await KeyFiles.CreateAsync(temp.Path, type, format, passphrase: "correct horse");

        var result = SshKeyLoader.TryLoad(path, "KEY_PASSPHRASE", new Secret("correct horse"));

        Assert.Null(result.Problem);
        Assert.Equal(path, result.Key!.Path);
    }

    [Theory]
    [MemberData(nameof(LockedFormats))]
    public async Task TryLoad_WhenPassphraseWrong_BlamesThePassphraseVariableWithoutShowingIt(string type, string format)
    {
        var path = await KeyFiles.CreateAsync(temp.Path, type, format, passphrase: "correct horse");

        var result = SshKeyLoader.TryLoad(path, "KEY_PASSPHRASE", new Secret("battery staple"));

        Assert.Null(result.Key);
        Assert.Equal(("private_key_passphrase_env", $"the passphrase in KEY_PASSPHRASE does not decrypt private key {path}"), result.Problem);
    }

    [Fact]
    public async Task TryLoad_WhenPassphraseVariableUnset_BlamesThePassphraseVariable()
    {
        var path = await KeyFiles.CreateAsync(temp.Path, "ed25519", "openssh", passphrase: "correct horse");

        var result = SshKeyLoader.TryLoad(path, "KEY_PASSPHRASE", null);

        Assert.Equal(("private_key_passphrase_env", $"private key {path} is protected by a passphrase, but the environment variable KEY_PASSPHRASE is not set"), result.Problem);
    }

    [Theory]
    [MemberData(nameof(LockedFormats))]
    public async Task TryLoad_WhenNoPassphraseConfigured_BlamesTheKeyPathAndSaysWhatToSet(string type, string format)
    {
        var path = await KeyFiles.CreateAsync(temp.Path, type, format, passphrase: "correct horse");

        var result = SshKeyLoader.TryLoad(path, null, null);

        Assert.Equal(
            ("private_key_path", $"private key {path} is protected by a passphrase; name the environment variable holding it in infra.bootstrap.ssh.private_key_passphrase_env, or use agent: true"),
            result.Problem);
    }

    [Fact]
    public async Task TryLoad_WhenKeyUnprotectedButPassphraseConfigured_LoadsIt()
    {
        var path = await KeyFiles.CreateAsync(temp.Path, "ed25519", "openssh");

        var result = SshKeyLoader.TryLoad(path, "KEY_PASSPHRASE", new Secret("unused"));

        Assert.Equal("ssh-ed25519", result.Key!.KeyType);
    }

    public void Dispose() => temp.Dispose();
}
