using Stagecraft.TestHosts;

namespace Stagecraft.EndToEnd.Support;

/// <summary>What happens when a droplet turns active: start its SSH test host (maybe late), or never.</summary>
public sealed record HostBehavior
{
    public static HostBehavior Default { get; } = new();

    /// <summary>A droplet whose sshd never comes up.</summary>
    public static HostBehavior NeverStarts { get; } = new() { Start = false };

    public bool Start { get; init; } = true;

    /// <summary>How long after the droplet turned active sshd starts (the "slow boot" scenario).</summary>
    public TimeSpan StartDelay { get; init; }

    /// <summary>Builds the host's options from its address; the default is a fresh root host.</summary>
    public Func<string, TestHostOptions> Options { get; init; } = address => new TestHostOptions { Address = address };
}
