using Stagecraft.Cli.Composition;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Cli.Tests;

/// <summary>The production remote-access factory reads SSH_AUTH_SOCK only for agent: true, and nothing else from the environment.</summary>
public sealed class SshRemoteAccessFactoryTests
{
    private static readonly string KnownHosts = Path.Combine(Path.GetTempPath(), "stagecraft-nonexistent", "known_hosts");
    private readonly List<string> lookups = [];

    [Fact]
    public async Task PreflightAsync_WithoutAgent_ReadsNoEnvironmentVariable()
    {
        var settings = new SshSettings("root", 22, "/nonexistent/stagecraft/id_ed25519", KnownHosts, TimeSpan.FromMinutes(1));

        var findings = (await Factory().PreflightAsync(settings, CancellationToken.None)).Findings;

        Assert.Empty(lookups);
        Assert.Equal(
            ["infra.bootstrap.ssh.private_key_path: cannot read private key /nonexistent/stagecraft/id_ed25519: file not found"],
            findings.Select(f => f.Message));
        Assert.All(findings, f => Assert.Equal(PreflightScope.Local, f.Scope));
    }

    [Fact]
    public async Task PreflightAsync_WithAgent_ReadsSshAuthSockAndUsesIt()
    {
        var settings = new SshSettings("root", 22, null, KnownHosts, TimeSpan.FromMinutes(1), Agent: true);

        var findings = (await Factory("/nonexistent/agent.sock").PreflightAsync(settings, CancellationToken.None)).Findings;

        Assert.Equal(["SSH_AUTH_SOCK"], lookups);
        Assert.Equal(
            ["infra.bootstrap.ssh.agent: cannot reach the ssh-agent at /nonexistent/agent.sock: no such socket (SSH_AUTH_SOCK)"],
            findings.Select(f => f.Message));
    }

    [Fact]
    public void Create_WhenAgentUnset_ThrowsConfigExceptionBlamingAgent()
    {
        var settings = new SshSettings("root", 22, null, KnownHosts, TimeSpan.FromMinutes(1), Agent: true);

        var error = Assert.Throws<ConfigException>(() => Factory().Create(settings));

        Assert.Equal("infra.bootstrap.ssh.agent: is true, but SSH_AUTH_SOCK is not set: start an ssh-agent and add your key with ssh-add, or set agent: false", error.Message);
    }

    private SshRemoteAccessFactory Factory(string? agentSocket = null) =>
        new(TimeProvider.System, NullDiagnostics.Instance, new NoSecrets(), name =>
        {
            lookups.Add(name);
            return agentSocket;
        });

    private sealed class NoSecrets : ISecretSource
    {
        public Secret? Read(string variableName) => null;
    }
}
