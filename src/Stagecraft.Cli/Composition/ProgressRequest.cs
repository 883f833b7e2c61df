namespace Stagecraft.Cli.Composition;

/// <summary>What decides whether a live progress view is shown: JSON output and the error stream.</summary>
internal sealed record ProgressRequest(bool JsonOutput, TextWriter Error);
