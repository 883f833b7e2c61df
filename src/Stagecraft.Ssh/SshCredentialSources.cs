using Stagecraft.Core.Secrets;

namespace Stagecraft.Ssh;

/// <summary>
/// Where the SSH credentials outside the config come from, given by the composition root: the secret source that reads
/// the variable <c>private_key_passphrase_env</c> names, and the ssh-agent socket (the value of <c>SSH_AUTH_SOCK</c>,
/// read only when <c>agent: true</c>; null when unset).
/// </summary>
public sealed record SshCredentialSources(ISecretSource Secrets, string? AgentSocket)
{
    /// <summary>How long one agent request may take (an agent may ask its user to confirm a signature).</summary>
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No passphrases, no agent.</summary>
    public static SshCredentialSources None { get; } = new(new NoSecrets(), null);

    private sealed class NoSecrets : ISecretSource
    {
        public Secret? Read(string variableName) => null;
    }
}
