using Renci.SshNet;

namespace Stagecraft.Ssh;

/// <summary>
/// One key public-key authentication tries: an agent key (<c>agent key ed25519 SHA256:…</c>) or the key file
/// (<c>key /home/op/.ssh/id_ed25519</c>). <see cref="Description"/> names it in messages, never its contents;
/// <see cref="PublicKeyBlob"/> is its public half in SSH wire format.
/// </summary>
internal sealed record SshIdentity(string Description, IPrivateKeySource Source, byte[] PublicKeyBlob)
{
    public override string ToString() => Description;
}
