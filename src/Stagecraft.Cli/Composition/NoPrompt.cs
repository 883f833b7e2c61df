namespace Stagecraft.Cli.Composition;

/// <summary>No operator to ask (tests, and any run without a terminal): never interactive.</summary>
internal sealed class NoPrompt : IOperatorPrompt
{
    public static NoPrompt Instance { get; } = new();

    public bool IsInteractive => false;

    public Task<string?> AskAsync(string question, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
