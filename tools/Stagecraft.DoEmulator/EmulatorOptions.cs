namespace Stagecraft.DoEmulator;

/// <summary>Behaviour of one emulator instance. Every time-based behaviour reads <see cref="TimeProvider"/>.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Accepted bearer tokens; any other token (or none) gets 401 <c>unauthorized</c>.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = ["emulator-token"];

    /// <summary>Source of all time: boot delay, action delay, list lag, rate-limit windows, <c>ratelimit-reset</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A created droplet turns from <c>new</c> to <c>active</c> (and its create action completes) after this.</summary>
    public TimeSpan BootDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a droplet action (power_off, reboot, …) stays <c>in-progress</c>. Addition to the agreed API.</summary>
    public TimeSpan ActionDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Public IPv4 addresses handed out in creation order; when exhausted or empty, 203.0.113.x is used.</summary>
    public IReadOnlyList<string> PublicIpPool { get; init; } = [];

    /// <summary>0 = off; otherwise every Nth authenticated request gets 429 with <c>retry-after: 1</c>.</summary>
    public int Fail429EveryNthRequest { get; init; }

    /// <summary>0..1 probability of an injected 500 <c>server_error</c> (before any side effect); deterministic from <see cref="Seed"/>.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Seed for <see cref="ServerErrorRate"/>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Droplet names whose create really happens but whose response is a 500 (once per name).</summary>
    public IReadOnlySet<string> LoseCreateResponseFor { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A created droplet is absent from <c>GET /v2/droplets</c> until <c>created_at + ListLag</c> (GET by id works).</summary>
    public TimeSpan ListLag { get; init; }

    /// <summary>
    /// A deleted droplet stays visible (GET by id and lists; a repeated DELETE is 204) until <c>deleted_at + DeleteLag</c>,
    /// as the real API may take a moment before GETs return 404.
    /// </summary>
    public TimeSpan DeleteLag { get; init; }

    /// <summary>VPCs besides each region's default one (<c>default-&lt;region&gt;</c>, where droplets without <c>vpc_uuid</c> go).</summary>
    public IReadOnlyList<EmulatorVpc> Vpcs { get; init; } = [];

    /// <summary>Projects besides the default one (<c>first-project</c>, where new droplets land).</summary>
    public IReadOnlyList<EmulatorProject> Projects { get; init; } = [];

    /// <summary>Cap on <c>per_page</c> (the real API caps at 200).</summary>
    public int MaxPageSize { get; init; } = 200;

    /// <summary>Account droplet limit; a create that would exceed it gets 422.</summary>
    public int? DropletLimit { get; init; }

    /// <summary>What <c>GET /v2/account</c> says when <see cref="DropletLimit"/> is null (no limit is enforced then).</summary>
    public const int UnlimitedDropletLimit = 10000;

    /// <summary><c>status</c> of <c>GET /v2/account</c>: <c>active</c>, <c>warning</c> or <c>locked</c>.</summary>
    public string AccountStatus { get; init; } = "active";

    /// <summary><c>status_message</c> of <c>GET /v2/account</c> (the real API sends a blank one when all is well).</summary>
    public string AccountStatusMessage { get; init; } = " ";

    /// <summary>SSH keys on the account.</summary>
    public IReadOnlyList<EmulatorSshKey> SshKeys { get; init; } =
    [
        new(512190, "deploy-key", "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa", "ssh-ed25519 AAAA... deploy"),
    ];

    /// <summary>Per-token sliding 60 s window (the real burst limit is 250/min). The keys 10/min limit is fixed.</summary>
    public int BurstLimitPerMinute { get; init; } = 250;

    /// <summary>
    /// Per-token sliding one-hour quota (the real one is 5000): <c>ratelimit-limit</c>, and what is left of it is
    /// <c>ratelimit-remaining</c>. Tests shrink it to reach a low remaining in a few requests.
    /// </summary>
    public int HourlyLimit { get; init; } = 5000;

    /// <summary>Latency added to every response (benchmarks). Waited on <see cref="TimeProvider"/>.</summary>
    public TimeSpan ResponseDelay { get; init; }

    /// <summary>Faults aimed at single endpoints (500, HTML 502, connection abort) for their first matching requests.</summary>
    public IReadOnlyList<EndpointFault> EndpointFaults { get; init; } = [];

    /// <summary>When set, droplets, actions and tags are saved here as JSON after every change and reloaded on start.</summary>
    public string? StateFile { get; init; }
}
