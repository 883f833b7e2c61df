namespace Stagecraft.TestHosts;

/// <summary>How to start one test host; mirrors the flags of <c>tools/testhost/testhost.sh start</c>.</summary>
public sealed record TestHostOptions
{
    /// <summary>Loopback address the host listens on, e.g. <c>127.0.0.10</c>. Use a distinct one per test.</summary>
    public required string Address { get; init; }

    public int Port { get; init; } = 2222;

    /// <summary><c>root</c> or <c>deploy</c> (a non-root user that exists only inside the host).</summary>
    public string User { get; init; } = "root";

    /// <summary>For <c>deploy</c>: sudo needs a password, so <c>sudo -n</c> fails with "sudo: a password is required".</summary>
    public bool SudoRequiresPassword { get; init; }

    /// <summary>Start with docker installed and its daemon running.</summary>
    public bool PreinstallDocker { get; init; }

    /// <summary>Start with tailscale installed and tailscaled running (logged out unless <see cref="PreinstallTailnet"/> is set).</summary>
    public bool PreinstallTailscale { get; init; }

    /// <summary>With <see cref="PreinstallTailscale"/>: already joined to this tailnet (e.g. <c>example.ts.net</c>).</summary>
    public string? PreinstallTailnet { get; init; }

    /// <summary>With <see cref="PreinstallTailnet"/>: the tags the node already carries.</summary>
    public IReadOnlyList<string> PreinstallTags { get; init; } = [];

    /// <summary>With <see cref="PreinstallTailscale"/>: the Tailscale hostname the node already has.</summary>
    public string? PreinstallHostname { get; init; }

    /// <summary>The tailnet a successful <c>tailscale up --auth-key=…</c> joins.</summary>
    public string TailnetOnJoin { get; init; } = "example.ts.net";

    /// <summary>When set, <c>tailscale up</c> accepts only this auth key (otherwise any non-empty key).</summary>
    public string? ValidAuthKey { get; init; }

    /// <summary>Fault names (see <see cref="TestHostFaults"/>) set before start; each fails every time.</summary>
    public IReadOnlyCollection<string> Faults { get; init; } = [];

    /// <summary>sshd <c>MaxStartups</c>, e.g. <c>10:30:100</c> (the default).</summary>
    public string? MaxStartups { get; init; }

    /// <summary>
    /// How long each <c>apt-get install</c> of a docker-ce/docker.io/tailscale not yet installed waits, like a real host's
    /// download and unpack (<c>--install-delay</c>); such calls log <c> ## delayed Ns</c>. Zero (the default) changes nothing.
    /// </summary>
    public TimeSpan InstallDelay { get; init; }

    /// <summary>sshd <c>PubkeyAcceptedAlgorithms</c>, e.g. <c>rsa-sha2-512,rsa-sha2-256</c> (refuses SHA-1 <c>ssh-rsa</c> and other key types).</summary>
    public string? PubkeyAcceptedAlgorithms { get; init; }

    /// <summary>Overrides the version <c>tailscale version</c> reports (default 1.94.2).</summary>
    public string? TailscaleVersion { get; init; }

    /// <summary>More public key lines root accepts besides the client key (the account keys a droplet was created with).</summary>
    public IReadOnlyList<string> ExtraAuthorizedKeys { get; init; } = [];
}
