using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Stagecraft.EndToEnd.Support;

/// <summary>The real <c>stagecraft</c> CLI running as a child process (<c>dotnet stagecraft.dll …</c>).</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> standardOutput;
    private readonly Task<string> standardError;
    private int disposed;

    private CliProcess(Process process)
    {
        this.process = process;
        standardOutput = process.StandardOutput.ReadToEndAsync();
        standardError = process.StandardError.ReadToEndAsync();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        Start(arguments, environment, executable: null);

    /// <summary>Starts <paramref name="executable"/> (a published binary) instead of <c>dotnet stagecraft.dll</c> when given.</summary>
    public static CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string? executable)
    {
        var cli = executable ?? Path.Combine(AppContext.BaseDirectory, "cli", "stagecraft.dll");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"the CLI was not built next to the tests: {cli}");
        }

        var startInfo = new ProcessStartInfo(executable ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        if (executable is null)
        {
            startInfo.ArgumentList.Add(cli);
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"could not start {startInfo.FileName}");
        }

        process.StandardInput.Close();
        return new CliProcess(process);
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal would.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>Waits for the CLI to exit; kills it and fails when it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"stagecraft did not exit within {timeout.TotalSeconds:0} s\n--- stdout ---\n{await standardOutput}\n--- stderr ---\n{await standardError}");
        }

        return new CliResult(process.ExitCode, await standardOutput, await standardError);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
