using Stagecraft.Cli.Completion;

namespace Stagecraft.Cli.Commands;

/// <summary>The parsed <c>completion</c> command line, free of System.CommandLine types.</summary>
internal sealed record CompletionOptions(CompletionShell Shell);
