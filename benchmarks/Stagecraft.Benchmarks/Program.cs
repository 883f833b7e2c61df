using System.Globalization;
using System.Runtime.InteropServices;
using Stagecraft.TestHosts;

namespace Stagecraft.Benchmarks;

/// <summary>
/// Measures the first <c>stagecraft infra up</c> for 1, 10 and 50 new hosts, sequential and with default parallelism,
/// against the DigitalOcean emulator and real SSH test hosts; prints a Markdown table. See benchmarks/README.md.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchmarkSettings settings;
        try
        {
            settings = BenchmarkSettings.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"benchmark: {exception.Message}\n{BenchmarkSettings.Usage}").ConfigureAwait(false);
            return 2;
        }

        var problem = FindProblem(settings);
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync($"benchmark: {problem}").ConfigureAwait(false);
            return 2;
        }

        using var interrupted = new CancellationTokenSource();
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        Directory.CreateDirectory(settings.WorkDirectory);
        try
        {
            return await RunAsync(settings, interrupted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("benchmark: interrupted; hosts stopped").ConfigureAwait(false);
            return 130;
        }
        finally
        {
            Directory.Delete(settings.WorkDirectory, recursive: true);
        }
    }

    private static async Task<int> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var clientKey = await TestClientKey.CreateAsync(Path.Combine(settings.WorkDirectory, "client"), cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"==> latency profile {settings.Latency.Describe()}").ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"==> {(settings.Fleet == FleetKind.Light ? "light fleet (one sshd, tools/testhost/fleet.sh)" : "full fleet (one sshd per host)")}, CLI {CliAssembly(settings)}").ConfigureAwait(false);
        var runner = new ScenarioRunner(settings, clientKey, new CliRunner(CliAssembly(settings), time), time);
        var results = new List<ScenarioResult>();
        var notes = new List<string>();
        foreach (var mode in settings.DefaultOnly ? [BenchmarkMode.Default] : (BenchmarkMode[])[BenchmarkMode.Default, BenchmarkMode.Sequential])
        {
            ScenarioResult? previous = null;
            foreach (var hosts in settings.Sizes)
            {
                if (mode == BenchmarkMode.Sequential && previous is not null)
                {
                    var projected = previous.ProjectWallTime(hosts);
                    if (projected > settings.SequentialLimit)
                    {
                        notes.Add(string.Create(
                            CultureInfo.InvariantCulture,
                            $"Sequential N={hosts} not run: projected {projected.TotalSeconds:0} s from N={previous.Scenario.Hosts} exceeds the {settings.SequentialLimit.TotalSeconds:0} s limit."));
                        continue;
                    }
                }

                var scenario = new Scenario(mode, hosts, mode == BenchmarkMode.Default ? settings.Parallelism : null);
                await Console.Error.WriteLineAsync($"==> {scenario.ModeName}, N={hosts}").ConfigureAwait(false);
                var result = await runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync(Describe(result)).ConfigureAwait(false);
                results.Add(result);
                previous = result;
            }
        }

        var markdown = MarkdownReport.Render(results, notes, settings.Latency, Environment.ProcessorCount);
        await Console.Out.WriteAsync(markdown).ConfigureAwait(false);
        if (settings.MarkdownOutput is not null)
        {
            await File.WriteAllTextAsync(settings.MarkdownOutput, markdown, cancellationToken).ConfigureAwait(false);
        }

        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    private static string Describe(ScenarioResult result)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"    exit {result.Cli.ExitCode}, {result.Cli.WallTime.TotalSeconds:0.0} s, created {result.Cli.Created}, bootstrapped {result.Cli.BootstrapSucceeded}, {result.Requests.Total} API requests, CLI CPU {result.Cli.CliCpu?.TotalSeconds:0.0} s, machine busy CPU {result.Cli.MachineBusyCpu?.TotalSeconds:0.0} s, fleet CPU {result.FleetCpu?.TotalSeconds:0.0} s, benchmark process CPU {result.BenchmarkCpu?.TotalSeconds:0.0} s");
        if (!result.Succeeded)
        {
            var tail = string.Join('\n', result.Cli.StandardError.Split('\n').TakeLast(10));
            var failed = string.Join('\n', result.Cli.FailedHosts.Select(f => "      " + f));
            line += $"\n    FAILED: test host failures: [{string.Join("; ", result.HostFailures)}]\n    failed hosts:\n{failed}\n    stderr tail:\n{tail}";
        }

        return line;
    }

    private static string CliAssembly(BenchmarkSettings settings) =>
        settings.CliAssembly ?? Path.Combine(settings.RepositoryRoot, "src", "Stagecraft.Cli", "bin", "Release", "net10.0", "stagecraft.dll");

    private static string? FindProblem(BenchmarkSettings settings)
    {
        if (!File.Exists(CliAssembly(settings)))
        {
            return $"{CliAssembly(settings)} is missing; build it with `dotnet build src/Stagecraft.Cli -c Release` (benchmarks/run.sh does)";
        }

        if (!File.Exists(CliRunner.TimeBinary))
        {
            return $"{CliRunner.TimeBinary} is missing (apt-get install time; benchmarks/run.sh does)";
        }

        return TestHostEnvironment.UnavailableReason;
    }
}
