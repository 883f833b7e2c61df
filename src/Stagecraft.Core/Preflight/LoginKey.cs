namespace Stagecraft.Core.Preflight;

/// <summary>
/// The public half of a key the bootstrap will log in with: <see cref="PublicKeyBlob"/> is the SSH wire-format public
/// key (as in <c>authorized_keys</c>, base64-decoded). A cloud provider compares it with the key it installs on new
/// hosts. <see cref="Description"/> names it in messages (<c>key /home/op/.ssh/id_ed25519</c>, <c>agent key ed25519
/// SHA256:…</c>), never its contents.
/// </summary>
public sealed record LoginKey(string Description, IReadOnlyList<byte> PublicKeyBlob)
{
    public override string ToString() => Description;
}
