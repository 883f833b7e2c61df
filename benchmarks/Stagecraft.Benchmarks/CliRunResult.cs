namespace Stagecraft.Benchmarks;

/// <summary>How one <c>stagecraft infra up</c> process went.</summary>
internal sealed record CliRunResult(
    int ExitCode,
    TimeSpan WallTime,
    long? PeakRssKilobytes,
    int Created,
    int BootstrapSucceeded,
    IReadOnlyList<string> FailedHosts,
    string StandardOutput,
    string StandardError);
