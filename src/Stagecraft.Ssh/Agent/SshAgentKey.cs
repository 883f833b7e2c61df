using Renci.SshNet;
using Renci.SshNet.Security;

namespace Stagecraft.Ssh.Agent;

/// <summary>
/// An agent key as an SSH.NET <see cref="IPrivateKeySource"/>. RSA keys offer only <c>rsa-sha2-512</c> and
/// <c>rsa-sha2-256</c> (current OpenSSH refuses SHA-1 <c>ssh-rsa</c> signatures); other types sign under their own name.
/// </summary>
internal sealed class SshAgentKey : IPrivateKeySource
{
    public SshAgentKey(SshAgentClient agent, SshAgentIdentity identity)
    {
        Identity = identity;
        HostKeyAlgorithms = identity.KeyType == "ssh-rsa"
            ? [new SshAgentSigner("rsa-sha2-512", agent, identity, SshAgentClient.RsaSha2512), new SshAgentSigner("rsa-sha2-256", agent, identity, SshAgentClient.RsaSha2256)]
            : [new SshAgentSigner(identity.KeyType, agent, identity, 0)];
    }

    public SshAgentIdentity Identity { get; }

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    public override string ToString() => Identity.ToString();
}
