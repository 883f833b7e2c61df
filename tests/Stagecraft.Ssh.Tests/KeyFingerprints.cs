namespace Stagecraft.Ssh.Tests;

/// <summary>What OpenSSH itself says about a key file (<c>ssh-keygen -l</c>), to compare against.</summary>
internal static class KeyFingerprints
{
    /// <summary>The <c>SHA256:…</c> fingerprint of the public key <c>PATH.pub</c>.</summary>
    public static async Task<string> Sha256Async(string privateKeyPath) =>
        (await ProcessRunner.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", privateKeyPath + ".pub")).Split(' ')[1];
}
