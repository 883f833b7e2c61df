namespace Stagecraft.TestHosts;

/// <summary>A client ed25519 key pair (no passphrase) made with ssh-keygen, authorized on test hosts.</summary>
public sealed class TestClientKey
{
    private TestClientKey(string privateKeyPath, string publicKey)
    {
        PrivateKeyPath = privateKeyPath;
        PublicKey = publicKey;
    }

    public string PrivateKeyPath { get; }

    public string PublicKeyPath => PrivateKeyPath + ".pub";

    /// <summary>The public key line, e.g. <c>ssh-ed25519 AAAA… stagecraft-test-client</c>.</summary>
    public string PublicKey { get; }

    /// <summary>Creates <c>DIR/id_ed25519</c> and <c>DIR/id_ed25519.pub</c> (an existing pair is reused).</summary>
    public static async Task<TestClientKey> CreateAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        System.IO.Directory.CreateDirectory(directory);
        var privateKeyPath = Path.Combine(Path.GetFullPath(directory), "id_ed25519");
        if (!File.Exists(privateKeyPath))
        {
            var result = await ProcessRunner.RunAsync(
                "ssh-keygen",
                ["-q", "-t", "ed25519", "-N", string.Empty, "-C", "stagecraft-test-client", "-f", privateKeyPath],
                standardInput: null,
                cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"ssh-keygen failed with exit code {result.ExitCode}: {result.StandardError.Trim()}");
            }
        }

        var publicKey = (await File.ReadAllTextAsync(privateKeyPath + ".pub", cancellationToken).ConfigureAwait(false)).Trim();
        return new TestClientKey(privateKeyPath, publicKey);
    }
}
