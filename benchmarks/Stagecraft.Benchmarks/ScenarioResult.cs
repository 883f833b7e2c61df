namespace Stagecraft.Benchmarks;

/// <summary>Everything measured for one scenario; phase times are since the CLI process started.</summary>
internal sealed record ScenarioResult(
    Scenario Scenario,
    CliRunResult Cli,
    RequestSummary Requests,
    int BurstLimitPerMinute,
    TimeSpan? LastActive,
    TimeSpan? LastSshUp,
    IReadOnlyList<string> HostFailures,
    TimeSpan? FleetCpu,
    TimeSpan? BenchmarkCpu)
{
    public bool Succeeded =>
        Cli.ExitCode == 0 && Cli.Created == Scenario.Hosts && Cli.BootstrapSucceeded == Scenario.Hosts && HostFailures.Count == 0;

    /// <summary>
    /// This run's wall time projected to <paramref name="hosts"/> hosts in the same mode: the time until the last sshd was
    /// up (plan, create, boot, sshd start: about the same for any N) is kept, the rest (bootstrap, which
    /// <c>--parallelism 1</c> does one host after another, install delays included) grows linearly with N. Without an
    /// sshd time the whole wall time grows linearly.
    /// </summary>
    public TimeSpan ProjectWallTime(int hosts)
    {
        var setUp = LastSshUp is { } up && up < Cli.WallTime ? up : TimeSpan.Zero;
        return setUp + ((Cli.WallTime - setUp) * hosts / Scenario.Hosts);
    }
}
