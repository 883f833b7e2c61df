using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Cli.Composition;

/// <summary>--verbose: diagnostics to stderr, one line each, thread-safe.</summary>
internal sealed class StderrDiagnostics : IDiagnostics
{
    private readonly TextWriter error;
    private readonly Lock gate = new();

    public StderrDiagnostics(TextWriter error)
    {
        this.error = error;
    }

    public bool IsEnabled => true;

    public void Verbose(string message)
    {
        lock (gate)
        {
            error.Write("verbose: ");
            error.Write(message.ReplaceLineEndings(" "));
            error.Write('\n');
        }
    }
}
