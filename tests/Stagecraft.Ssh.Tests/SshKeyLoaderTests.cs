using Stagecraft.Core.Configuration;

namespace Stagecraft.Ssh.Tests;

public sealed class SshKeyLoaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Theory]
    [InlineData("ed25519", null, "ssh-ed25519")]
    [InlineData("ecdsa", 256, "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa", 384, "ecdsa-sha2-nistp384")]
    [InlineData("rsa", 3072, "ssh-rsa")]
    public async Task Load_WhenUnencryptedOpenSshKey_ReturnsKeyOfThatType(string type, int? bits, string expectedType)
    {
        var path = await ProcessRunner.KeygenAsync(temp.Path, "id_" + type, type, bits: bits);

        var key = SshKeyLoader.Load(path);

        Assert.Equal(expectedType, key.KeyType);
        Assert.Equal(path, key.Path);
    }

    [Fact]
    public async Task Load_WhenPemRsaKey_ReturnsKey()
    {
        var path = await ProcessRunner.KeygenAsync(temp.Path, "id_pem", "rsa", bits: 2048);
        await ProcessRunner.RunAsync("ssh-keygen", "-q", "-p", "-m", "PEM", "-N", "", "-P", "", "-f", path);

        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal("ssh-rsa", SshKeyLoader.Load(path).KeyType);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task Load_WhenPassphraseProtected_ThrowsConfigExceptionNamingThePath(string type)
    {
        var path = await ProcessRunner.KeygenAsync(temp.Path, "id_locked", type, passphrase: "correct horse");

        var error = Assert.Throws<ConfigException>(() => SshKeyLoader.Load(path));

        Assert.Equal(
            $"infra.bootstrap.ssh.private_key_path: private key {path} is protected by a passphrase; name the environment variable holding it in infra.bootstrap.ssh.private_key_passphrase_env, or use agent: true",
            error.Message);
    }

    [Fact]
    public void Load_WhenFileMissing_ThrowsFileNotFound()
    {
        var path = temp.File("nope");

        var error = Assert.Throws<ConfigException>(() => SshKeyLoader.Load(path));

        Assert.Equal($"infra.bootstrap.ssh.private_key_path: cannot read private key {path}: file not found", error.Message);
    }

    [Fact]
    public void Load_WhenDirectoryMissing_ThrowsFileNotFound()
    {
        var path = temp.File("missing-dir/id_ed25519");

        var error = Assert.Throws<ConfigException>(() => SshKeyLoader.Load(path));

        Assert.Equal($"infra.bootstrap.ssh.private_key_path: cannot read private key {path}: file not found", error.Message);
    }

    [Fact]
    public void Load_WhenPathIsDirectory_SaysSo()
    {
        var error = Assert.Throws<ConfigException>(() => SshKeyLoader.Load(temp.Path));

        Assert.Equal($"infra.bootstrap.ssh.private_key_path: cannot read private key {temp.Path}: it is a directory", error.Message);
    }

    [Theory]
    [InlineData("hello, this is not a key\n")]
    [InlineData("")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")]
    public void Load_WhenGarbage_ThrowsNotAKey(string content)
    {
        var path = temp.File("garbage");
        File.WriteAllText(path, content);

        var error = Assert.Throws<ConfigException>(() => SshKeyLoader.Load(path));

        Assert.Equal(
            $"infra.bootstrap.ssh.private_key_path: cannot read private key {path}: not a supported private key (expected an ed25519, ecdsa or rsa key in OpenSSH or PEM format)",
            error.Message);
    }

    [Fact]
    public async Task Load_WhenPublicKeyGiven_PointsToThePrivateKey()
    {
        var path = await ProcessRunner.KeygenAsync(temp.Path, "id_ed25519", "ed25519") + ".pub";

        var error = Assert.Throws<ConfigException>(() => SshKeyLoader.Load(path));

        Assert.Equal(
            $"infra.bootstrap.ssh.private_key_path: cannot read private key {path}: this is a public key; give the private key file (without .pub)",
            error.Message);
    }

    public void Dispose() => temp.Dispose();
}
