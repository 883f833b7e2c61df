namespace Stagecraft.Cli.Composition;

/// <summary>The operator at a terminal, for confirmations. Not interactive when stdin is not a terminal.</summary>
internal interface IOperatorPrompt
{
    bool IsInteractive { get; }

    /// <summary>Shows <paramref name="question"/> and reads one line; null at end of input.</summary>
    Task<string?> AskAsync(string question, CancellationToken cancellationToken);
}
