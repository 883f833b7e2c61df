using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Stagecraft.Benchmarks;

/// <summary>
/// Runs the real CLI (<c>dotnet stagecraft.dll infra up …</c>, or a native <c>stagecraft</c> binary) under <c>/usr/bin/time</c> for its peak resident
/// memory and CPU time; the wall time and the machine's busy CPU time (/proc/stat) are measured here from process
/// start to exit.
/// </summary>
internal sealed class CliRunner
{
    public const string TimeBinary = "/usr/bin/time";

    private readonly string cliAssembly;
    private readonly TimeProvider time;

    public CliRunner(string cliAssembly, TimeProvider time)
    {
        this.cliAssembly = cliAssembly;
        this.time = time;
    }

    public async Task<CliRunResult> RunAsync(
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string timeFile,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(TimeBinary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A stagecraft.dll runs under dotnet; anything else is a native executable (the Native AOT release binary).
        string[] command = cliAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", cliAssembly] : [cliAssembly];
        foreach (var argument in (string[])["-f", "%M %U %S", "-o", timeFile, .. command, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var cpuBefore = await MachineCpuTimes.ReadAsync(cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {TimeBinary}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var wall = time.GetElapsedTime(started);
        var cpuAfter = await MachineCpuTimes.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        var machineBusy = cpuBefore is not null && cpuAfter is not null ? cpuAfter.BusySince(cpuBefore) : (TimeSpan?)null;
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var (created, succeeded, failed) = ReadSummary(output);
        var (peakRss, user, system) = ReadTimeReport(timeFile);
        return new CliRunResult(process.ExitCode, wall, peakRss, user, system, machineBusy, created, succeeded, failed, output, errors);
    }

    /// <summary>
    /// GNU time writes "%M %U %S" (max RSS in KiB, user and system CPU seconds) as the last line, after
    /// "Command exited with non-zero status N" when the CLI failed.
    /// </summary>
    internal static (long? PeakRssKilobytes, TimeSpan? User, TimeSpan? System) ReadTimeReport(string timeFile)
    {
        if (!File.Exists(timeFile))
        {
            return (null, null, null);
        }

        return ParseTimeReport(File.ReadAllLines(timeFile).LastOrDefault(l => l.Trim().Length > 0) ?? string.Empty);
    }

    internal static (long? PeakRssKilobytes, TimeSpan? User, TimeSpan? System) ParseTimeReport(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long? rss = fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes)
            ? kilobytes
            : null;
        return (rss, CpuSeconds(fields, 1), CpuSeconds(fields, 2));
    }

    private static TimeSpan? CpuSeconds(string[] fields, int index) =>
        fields.Length > index && double.TryParse(fields[index], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>From the JSON report: created and bootstrapped counts, and "name: error_code: message" per failed host.</summary>
    private static (int Created, int Succeeded, IReadOnlyList<string> Failed) ReadSummary(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var summary = document.RootElement.GetProperty("summary");
            var failed = document.RootElement.GetProperty("hosts").EnumerateArray()
                .Where(h => h.GetProperty("bootstrap").GetProperty("status").GetString() == "failed")
                .Select(h => $"{h.GetProperty("name").GetString()}: {h.GetProperty("bootstrap").GetProperty("error_code").GetString()}: {h.GetProperty("bootstrap").GetProperty("message").GetString()}")
                .ToList();
            return (summary.GetProperty("created").GetInt32(), summary.GetProperty("bootstrap_succeeded").GetInt32(), failed);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (0, 0, [$"no JSON report: {exception.Message}"]);
        }
    }
}
