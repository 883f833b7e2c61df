namespace Stagecraft.Core.Remote;

/// <summary>What a remote command returned. <see cref="TimedOut"/> means the command's timeout passed and it was cancelled.</summary>
public sealed record RemoteResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The last non-empty line of stderr (or stdout when stderr is empty), for one-line messages.</summary>
    public string LastErrorLine()
    {
        static string? Last(string text) =>
            text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

        return Last(StandardError) ?? Last(StandardOutput) ?? string.Empty;
    }

    /// <summary>"exit 100: E: Unable to locate package" — the exit code and last error line, one line.</summary>
    public string Describe() =>
        TimedOut ? "timed out" : LastErrorLine() is { Length: > 0 } line ? $"exit {ExitCode}: {line}" : $"exit {ExitCode}";
}
