using Renci.SshNet.Security;

namespace Stagecraft.Ssh.Agent;

/// <summary>
/// One signature algorithm of an agent key, as SSH.NET's public-key authentication uses it: <see cref="HostAlgorithm.Name"/>
/// and <see cref="Data"/> (the public key blob) go into the request, <see cref="Sign"/> asks the agent.
/// </summary>
internal sealed class SshAgentSigner : HostAlgorithm
{
    private readonly SshAgentClient agent;
    private readonly SshAgentIdentity identity;
    private readonly uint flags;

    public SshAgentSigner(string name, SshAgentClient agent, SshAgentIdentity identity, uint flags)
        : base(name)
    {
        this.agent = agent;
        this.identity = identity;
        this.flags = flags;
    }

    public override byte[] Data => identity.PublicKeyBlob;

    /// <exception cref="SshAgentException">The agent cannot sign (unreachable, or the key is gone).</exception>
    public override byte[] Sign(byte[] data) => agent.Sign(identity.PublicKeyBlob, data, flags);

    /// <summary>Only used for host keys, which the agent never checks.</summary>
    public override bool VerifySignature(byte[] data, byte[] signature) =>
        throw new NotSupportedException("an agent key only signs");
}
