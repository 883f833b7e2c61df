namespace Stagecraft.Core.Engine;

/// <summary>What the user asked for; built by the CLI from its parse result.</summary>
public sealed record InfraUpRequest(string ConfigPath, string? Environment, bool DryRun, bool NoBootstrap, int Parallelism)
{
    /// <summary>
    /// Hosts waited for and bootstrapped at once unless <c>--parallelism</c> says otherwise. A host's bootstrap is
    /// minutes of remote work (package installs) for milliseconds of local CPU, so the fleet, not the laptop, sets the
    /// pace: 256 bootstraps a 200-host environment in one wave (T(200)/T(1) ≤ 1.3, benchmarks/README.md). Each host in
    /// flight holds one SSH connection (one socket, well under a MiB), so the default stays far inside the 1,024 file
    /// descriptors a default soft limit gives; larger fleets go in waves, or in one with <c>--parallelism 512</c>.
    /// </summary>
    public const int DefaultParallelism = 256;
}
