namespace Stagecraft.EndToEnd.Support;

/// <summary>The knobs of the generated stagecraft.yml that the scenarios vary.</summary>
public sealed record ConfigSettings
{
    public string SshUser { get; init; } = "root";

    public string ReadyTimeout { get; init; } = "1m";

    public string CreateTimeout { get; init; } = "2m";

    /// <summary><c>agent: true</c>: log in with the keys of the ssh-agent at SSH_AUTH_SOCK.</summary>
    public bool Agent { get; init; }

    /// <summary>Leave <c>private_key_path</c> out (with <see cref="Agent"/>: the agent's keys alone).</summary>
    public bool OmitPrivateKeyPath { get; init; }

    /// <summary>Another <c>private_key_path</c> than the client key the test hosts and the account know.</summary>
    public string? PrivateKeyPath { get; init; }

    /// <summary>Extra keys of <c>cloud.providers.digitalocean</c> (e.g. a <c>firewall:</c> block), written as at that level.</summary>
    public string DigitalOceanExtra { get; init; } = string.Empty;
}
