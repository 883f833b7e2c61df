namespace Stagecraft.Benchmarks;

/// <summary>
/// How one <c>stagecraft infra up</c> process went. CPU times come from GNU time (user and system time of the CLI and
/// its children); <see cref="MachineBusyCpu"/> is the busy time of all cores over the same wall time (/proc/stat).
/// </summary>
internal sealed record CliRunResult(
    int ExitCode,
    TimeSpan WallTime,
    long? PeakRssKilobytes,
    TimeSpan? UserCpu,
    TimeSpan? SystemCpu,
    TimeSpan? MachineBusyCpu,
    int Created,
    int BootstrapSucceeded,
    IReadOnlyList<string> FailedHosts,
    string StandardOutput,
    string StandardError)
{
    /// <summary>User + system CPU time of the CLI process, or <c>null</c> when GNU time reported none.</summary>
    public TimeSpan? CliCpu => UserCpu is { } user && SystemCpu is { } system ? user + system : null;
}
