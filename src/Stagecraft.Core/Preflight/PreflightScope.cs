namespace Stagecraft.Core.Preflight;

/// <summary>Who is to blame for a finding, which decides the exit code: local → 1, cloud → 2, network → 3.</summary>
public enum PreflightScope
{
    /// <summary>The operator's machine or config (key file, passphrase, agent, known_hosts): exit 1.</summary>
    Local,

    /// <summary>The cloud account (token, limits, sizes, regions, images, SSH keys): exit 2.</summary>
    Cloud,

    /// <summary>The network provider (auth key): exit 3.</summary>
    Network,
}
