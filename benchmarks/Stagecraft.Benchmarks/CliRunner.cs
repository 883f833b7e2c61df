using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Stagecraft.Benchmarks;

/// <summary>
/// Runs the real CLI (<c>dotnet stagecraft.dll infra up …</c>) under <c>/usr/bin/time</c> for its peak resident
/// memory; the wall time is measured here from process start to exit.
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
        string memoryFile,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(TimeBinary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", "%M", "-o", memoryFile, "dotnet", cliAssembly, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

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
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var (created, succeeded, failed) = ReadSummary(output);
        return new CliRunResult(process.ExitCode, wall, ReadPeakRss(memoryFile), created, succeeded, failed, output, errors);
    }

    /// <summary>GNU time writes "%M" (max RSS in KiB) as the last line, after "Command exited with non-zero status N".</summary>
    private static long? ReadPeakRss(string memoryFile)
    {
        if (!File.Exists(memoryFile))
        {
            return null;
        }

        var last = File.ReadAllLines(memoryFile).LastOrDefault(l => l.Length > 0)?.Trim();
        return long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes) ? kilobytes : null;
    }

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
