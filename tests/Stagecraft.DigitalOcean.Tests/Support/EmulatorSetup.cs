using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>The emulator knobs the tests turn; <see cref="ProviderHarness"/> turns them into <see cref="EmulatorOptions"/>.</summary>
internal sealed record EmulatorSetup
{
    public TimeSpan BootDelay { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan ListLag { get; init; }

    /// <summary>Projects besides the default one.</summary>
    public IReadOnlyList<EmulatorProject> Projects { get; init; } = [];

    /// <summary>VPCs besides each region's default.</summary>
    public IReadOnlyList<EmulatorVpc> Vpcs { get; init; } = [];

    /// <summary>How long a deleted droplet stays visible before GETs return 404.</summary>
    public TimeSpan DeleteLag { get; init; }

    /// <summary>How long a droplet action (power_on) takes; the emulator's default when null.</summary>
    public TimeSpan? ActionDelay { get; init; }

    public int MaxPageSize { get; init; } = 200;

    public int Fail429EveryNthRequest { get; init; }

    /// <summary>The emulator's per-token burst window (requests per 60 s).</summary>
    public int BurstLimitPerMinute { get; init; } = 250;

    /// <summary>The emulator's per-token hourly quota.</summary>
    public int HourlyLimit { get; init; } = 5000;

    public double ServerErrorRate { get; init; }

    public int Seed { get; init; } = 1;

    public IReadOnlySet<string> LoseCreateResponseFor { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public int? DropletLimit { get; init; }

    public IReadOnlyList<EmulatorSshKey>? SshKeys { get; init; }

    public IReadOnlyList<string> PublicIpPool { get; init; } = [];

    public IReadOnlyList<EndpointFault> EndpointFaults { get; init; } = [];

    public string AccountStatus { get; init; } = "active";

    public string AccountStatusMessage { get; init; } = " ";
}
