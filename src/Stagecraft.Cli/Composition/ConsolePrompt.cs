namespace Stagecraft.Cli.Composition;

/// <summary>The process's terminal: interactive only when stdin is not redirected; the question goes to stderr (stdout holds the report).</summary>
internal sealed class ConsolePrompt : IOperatorPrompt
{
    public bool IsInteractive => !Console.IsInputRedirected;

    public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        await Console.Error.WriteAsync(question.AsMemory(), cancellationToken).ConfigureAwait(false);
        await Console.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
    }
}
