namespace Stagecraft.Core.Diagnostics;

/// <summary>
/// Lines the adapters contribute for the end of a command (e.g. the cloud API's request counts by class), written to the
/// diagnostics once the work is done: with <c>--verbose</c> on stderr, never in the report. A source is asked for its
/// line only then, so it can count until the end. Thread-safe; sources are written in the order they were added.
/// </summary>
public sealed class VerboseSummary
{
    private readonly Lock gate = new();
    private readonly List<Func<string>> sources = [];

    public void Add(Func<string> line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (gate)
        {
            sources.Add(line);
        }
    }

    /// <summary>Writes each source's line to <paramref name="diagnostics"/> when it is enabled.</summary>
    public void WriteTo(IDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!diagnostics.IsEnabled)
        {
            return;
        }

        List<Func<string>> lines;
        lock (gate)
        {
            lines = [.. sources];
        }

        foreach (var line in lines)
        {
            diagnostics.Verbose(line());
        }
    }
}
