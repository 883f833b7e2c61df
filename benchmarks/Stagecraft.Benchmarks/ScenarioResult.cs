namespace Stagecraft.Benchmarks;

/// <summary>Everything measured for one scenario; phase times are since the CLI process started.</summary>
internal sealed record ScenarioResult(
    Scenario Scenario,
    CliRunResult Cli,
    RequestSummary Requests,
    int BurstLimitPerMinute,
    TimeSpan? LastActive,
    TimeSpan? LastSshUp,
    IReadOnlyList<string> HostFailures)
{
    public bool Succeeded =>
        Cli.ExitCode == 0 && Cli.Created == Scenario.Hosts && Cli.BootstrapSucceeded == Scenario.Hosts && HostFailures.Count == 0;
}
