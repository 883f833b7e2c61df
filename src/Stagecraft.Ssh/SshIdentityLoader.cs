using Stagecraft.Core.Configuration;
using Stagecraft.Ssh.Agent;

namespace Stagecraft.Ssh;

/// <summary>
/// The identities of <c>infra.bootstrap.ssh</c>, in the order they are tried: the ssh-agent's keys first (with
/// <c>agent: true</c>), then the key file (when there is one). Every problem is returned as one line blaming its config
/// key (with <c>file:line:col</c> when it was written), naming paths, variables and fingerprints, never a secret.
/// </summary>
internal static class SshIdentityLoader
{
    public static (IReadOnlyList<SshIdentity> Identities, IReadOnlyList<string> Problems) Load(SshSettings settings, SshCredentialSources credentials)
    {
        var identities = new List<SshIdentity>();
        var problems = new List<string>();
        if (settings.Agent)
        {
            LoadAgent(settings, credentials, identities, problems);
        }

        if (settings.PrivateKeyPath is { } path)
        {
            var passphrase = settings.PrivateKeyPassphraseEnv is { } env ? credentials.Secrets.Read(env) : null;
            var result = SshKeyLoader.TryLoad(path, settings.PrivateKeyPassphraseEnv, passphrase);
            if (result.Key is { } key)
            {
                identities.Add(new SshIdentity($"key {key.Path}", key.Source, key.PublicKeyBlob));
            }
            else
            {
                problems.Add(settings.Describe(result.Problem!.Value.Key, result.Problem.Value.Text));
            }
        }

        if (identities.Count == 0 && problems.Count == 0 && !settings.Agent && settings.PrivateKeyPath is null)
        {
            problems.Add(settings.Describe("private_key_path", "no identity to log in with: set private_key_path, or agent: true"));
        }

        return (identities, problems);
    }

    private static void LoadAgent(SshSettings settings, SshCredentialSources credentials, List<SshIdentity> identities, List<string> problems)
    {
        if (string.IsNullOrEmpty(credentials.AgentSocket))
        {
            problems.Add(settings.Describe("agent", "is true, but SSH_AUTH_SOCK is not set: start an ssh-agent and add your key with ssh-add, or set agent: false"));
            return;
        }

        var agent = new SshAgentClient(credentials.AgentSocket, credentials.AgentTimeout);
        try
        {
            var keys = agent.ListIdentities();
            if (keys.Count == 0 && settings.PrivateKeyPath is null)
            {
                problems.Add(settings.Describe("agent", $"the ssh-agent at {agent.SocketPath} (SSH_AUTH_SOCK) holds no keys: add one with ssh-add, or set private_key_path"));
            }

            identities.AddRange(keys.Select(k => new SshIdentity(k.ToString(), new SshAgentKey(agent, k), k.PublicKeyBlob)));
        }
        catch (SshAgentException e)
        {
            problems.Add(settings.Describe("agent", $"{e.Message} (SSH_AUTH_SOCK)"));
        }
    }
}
