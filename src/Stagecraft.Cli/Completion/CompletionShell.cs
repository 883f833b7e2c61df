namespace Stagecraft.Cli.Completion;

/// <summary>The shells <c>stagecraft completion</c> prints a script for.</summary>
internal enum CompletionShell
{
    Bash,
    Zsh,
    Fish,
    PowerShell,
}
