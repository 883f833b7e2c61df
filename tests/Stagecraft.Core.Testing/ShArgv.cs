using System.Diagnostics;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Testing;

/// <summary>Asks a real <c>sh</c> how it splits a rendered command line: the words come back NUL-separated.</summary>
public static class ShArgv
{
    /// <summary>The argv <c>sh</c> parses from each of <paramref name="renderedLines"/>, one <c>sh -s</c> run for all of them.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(IReadOnlyList<string> renderedLines)
    {
        // One record per command: its words NUL-terminated, then a 0x01 record separator. The script goes on stdin
        // because .NET's argv passing on Unix splits arguments on newlines.
        var script = string.Concat(renderedLines.Select(line => "printf '%s\\0' " + line + "\nprintf '\\001'\n"));
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-s");
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var records = output.Split('\u0001');
        if (process.ExitCode != 0 || records.Length != renderedLines.Count + 1)
        {
            throw new InvalidOperationException($"sh -s exited {process.ExitCode} with {records.Length - 1} records for {renderedLines.Count} command lines");
        }

        return [.. records[..^1].Select(r => (IReadOnlyList<string>)[.. r.Split('\0')[..^1]])];
    }

    /// <summary>What the renderer promises: sudo for privileged non-root commands, then env assignments, then argv.</summary>
    public static IReadOnlyList<string> Expected(RemoteCommand command, bool userIsRoot)
    {
        var words = new List<string>();
        if (command.Privileged && !userIsRoot)
        {
            words.AddRange(["sudo", "-n"]);
        }

        if (command.Environment.Count > 0)
        {
            words.Add("env");
            words.AddRange(command.Environment.Select(v => $"{v.Key}={v.Value}"));
        }

        words.AddRange(command.Argv);
        return words;
    }
}
