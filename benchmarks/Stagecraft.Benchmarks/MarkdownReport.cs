using System.Globalization;
using System.Text;

namespace Stagecraft.Benchmarks;

/// <summary>Renders the results as Markdown: the main table, the request breakdown and the budget checks.</summary>
internal static class MarkdownReport
{
    /// <summary>The issue's target: with defaults, N hosts take at most this multiple of one host's time.</summary>
    public const double ScalingTarget = 1.3;

    /// <param name="cores">The machine's logical cores, for the share of all CPU time the machine was busy.</param>
    public static string Render(IReadOnlyList<ScenarioResult> results, IReadOnlyList<string> notes, LatencyProfile latency, int cores)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(latency);
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Latency profile {latency.Describe()}."));
        text.AppendLine();
        text.AppendLine(Invariant($"CLI CPU is the CLI process's user + system time (GNU time); CLI CPU per host is (CLI CPU − CLI CPU at N=1) / (N − 1) in the same mode; fleet CPU is the light fleet's sshd with every connection and session it reaped (utime + stime + cutime + cstime; – for the full fleet); benchmark process CPU is this process's own user + system time (emulator, request recorder, fleet bookkeeping); machine busy CPU is the busy time of all {cores} cores during the CLI's wall time (/proc/stat: the CLI, the test hosts, the emulator and anything else), with its share of wall time × {cores}."));
        text.AppendLine();
        text.AppendLine("| mode | N | ok | wall time | ratio to N=1 | creates done | all active | all sshd up | bootstrap after sshd | API requests | peak RSS | CLI CPU (user + sys) | CLI CPU per host | fleet CPU | benchmark process CPU | machine busy CPU |");
        text.AppendLine("|---|---:|:-:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var baseline = results.FirstOrDefault(r => r.Scenario.Mode == result.Scenario.Mode && r.Scenario.Hosts == 1);
            var ratio = baseline is null ? "–" : Invariant($"{result.Cli.WallTime / baseline.Cli.WallTime:0.00}×");
            var bootstrapTail = result.LastSshUp is { } up ? Seconds(result.Cli.WallTime - up) : "–";
            text.AppendLine(Invariant(
                $"| {result.Scenario.ModeName} | {result.Scenario.Hosts} | {(result.Succeeded ? "yes" : $"**no** ({result.Cli.BootstrapSucceeded}/{result.Scenario.Hosts} bootstrapped)")} | {Seconds(result.Cli.WallTime)} | {ratio} | {Seconds(result.Requests.LastCreateSeenAt)} | {Seconds(result.LastActive)} | {Seconds(result.LastSshUp)} | {bootstrapTail} | {result.Requests.Total} | {Megabytes(result.Cli.PeakRssKilobytes)} | {CliCpu(result.Cli)} | {PerHost(result, baseline)} | {Seconds(result.FleetCpu)} | {Seconds(result.BenchmarkCpu)} | {MachineBusy(result.Cli, cores)} |"));
        }

        text.AppendLine();
        text.AppendLine("DigitalOcean requests by class, and the budget: at most 2 requests per created host besides the per-run ones (the SSH key lookup, and the lists by tag: 1 for the plan + 1 per poll interval), at most the burst limit in any 60 s, no 429:");
        text.AppendLine();
        text.AppendLine("| mode | N | keys GET | list by tag (plan + polls) | list by name | other lists | droplet GET by id | droplets POST | tags | other | per host (without key lookup and tag lists) | peak per 60 s / burst limit | 429s | budget |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|");
        foreach (var result in results)
        {
            var requests = result.Requests;
            var perHost = (double)requests.PerHostRequests / result.Scenario.Hosts;
            var withinBudget = perHost <= 2 && requests.TooManyRequests == 0 && requests.PeakPerMinute <= result.BurstLimitPerMinute;
            text.AppendLine(Invariant(
                $"| {result.Scenario.ModeName} | {result.Scenario.Hosts} | {requests.Count(RequestClass.SshKeys)} | {requests.Count(RequestClass.ListByTag)} | {requests.Count(RequestClass.ListByName)} | {requests.Count(RequestClass.ListOther)} | {requests.Count(RequestClass.GetDroplet)} | {requests.Count(RequestClass.CreateDroplets)} | {requests.Count(RequestClass.Tags)} | {requests.Count(RequestClass.Other)} | {perHost:0.00} | {requests.PeakPerMinute} / {result.BurstLimitPerMinute} | {requests.TooManyRequests} | {(withinBudget ? "ok" : "**over**")} |"));
        }

        var defaults = results.Where(r => r.Scenario.Mode == BenchmarkMode.Default).ToList();
        var one = defaults.FirstOrDefault(r => r.Scenario.Hosts == 1);
        var largest = defaults.OrderByDescending(r => r.Scenario.Hosts).FirstOrDefault();
        if (one is not null && largest is not null && largest != one)
        {
            var ratio = largest.Cli.WallTime / one.Cli.WallTime;
            text.AppendLine();
            text.AppendLine(Invariant(
                $"Scaling target (defaults, N={largest.Scenario.Hosts} ≤ {ScalingTarget:0.0}× N=1): {ratio:0.00}× — {(ratio <= ScalingTarget ? "met" : "**not met**")}."));
        }

        foreach (var result in results.Where(r => r.Cli.FailedHosts.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Failed hosts in {result.Scenario.ModeName}, N={result.Scenario.Hosts}: {string.Join("; ", result.Cli.FailedHosts)}."));
        }

        foreach (var note in notes)
        {
            text.AppendLine();
            text.AppendLine(note);
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? Invariant($"{s.TotalSeconds:0.0} s") : "–";

    private static string CliCpu(CliRunResult cli) =>
        cli.CliCpu is { } total ? Invariant($"{total.TotalSeconds:0.0} s ({cli.UserCpu!.Value.TotalSeconds:0.0} + {cli.SystemCpu!.Value.TotalSeconds:0.0})") : "–";

    private static string MachineBusy(CliRunResult cli, int cores) =>
        cli.MachineBusyCpu is { } busy && cli.WallTime > TimeSpan.Zero
            ? Invariant($"{busy.TotalSeconds:0.0} s ({busy / (cli.WallTime * cores):0%})")
            : "–";

    private static string PerHost(ScenarioResult result, ScenarioResult? baseline) =>
        baseline is not null && result.Scenario.Hosts > 1 && result.Cli.CliCpu is { } cpu && baseline.Cli.CliCpu is { } one
            ? Invariant($"{(cpu - one).TotalMilliseconds / (result.Scenario.Hosts - 1):0} ms")
            : "–";

    private static string Megabytes(long? kilobytes) => kilobytes is { } k ? Invariant($"{k / 1024.0:0} MiB") : "–";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
