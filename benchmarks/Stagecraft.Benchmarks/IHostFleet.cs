using Stagecraft.DoEmulator;

namespace Stagecraft.Benchmarks;

/// <summary>The machines behind the droplets: the full fleet (one sshd per host) or the light one (one sshd for all).</summary>
internal interface IHostFleet : IAsyncDisposable
{
    /// <summary>When the last droplet turned active, since the CLI started.</summary>
    TimeSpan? LastActive { get; }

    /// <summary>When the last host's sshd accepted connections, since the CLI started.</summary>
    TimeSpan? LastSshUp { get; }

    IReadOnlyList<string> Failures { get; }

    /// <summary>Handler for <see cref="DoEmulatorServer.DropletBecameActive"/>; returns at once.</summary>
    void OnDropletActive(EmulatorDroplet droplet);

    /// <summary>The fleet's own CPU time so far, or <c>null</c> when it is not measured (the full fleet).</summary>
    Task<TimeSpan?> ReadCpuAsync();
}
