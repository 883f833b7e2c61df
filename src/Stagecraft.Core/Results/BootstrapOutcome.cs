namespace Stagecraft.Core.Results;

/// <summary>A host's bootstrap result: status, stable error code and a one-line message (both empty on success).</summary>
public sealed record BootstrapOutcome(BootstrapStatus Status, string ErrorCode, string Message)
{
    public static BootstrapOutcome Success { get; } = new(BootstrapStatus.Success, string.Empty, string.Empty);

    public static BootstrapOutcome Skipped { get; } = new(BootstrapStatus.Skipped, string.Empty, string.Empty);

    public static BootstrapOutcome Failed(string errorCode, string message) => new(BootstrapStatus.Failed, errorCode, OneLine(message));

    private static string OneLine(string text) =>
        string.Join(' ', text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
