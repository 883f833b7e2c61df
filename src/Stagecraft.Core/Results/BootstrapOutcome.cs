namespace Stagecraft.Core.Results;

/// <summary>A host's bootstrap result: status, stable error code and a one-line message (both empty on success), and its steps.</summary>
public sealed record BootstrapOutcome(BootstrapStatus Status, string ErrorCode, string Message)
{
    /// <summary>What the bootstrap changed or confirmed on the host, in order (e.g. <c>docker installed</c>); on a failure, the steps before it.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    public static BootstrapOutcome Success { get; } = new(BootstrapStatus.Success, string.Empty, string.Empty);

    public static BootstrapOutcome Skipped { get; } = new(BootstrapStatus.Skipped, string.Empty, string.Empty);

    /// <summary>Ctrl-C came while this host was being bootstrapped: some steps may have run; a re-run finishes them.</summary>
    public static BootstrapOutcome Interrupted { get; } = new(BootstrapStatus.Skipped, string.Empty, "interrupted during bootstrap; steps already done are kept, run again to finish");

    /// <summary>Ctrl-C came before this host's bootstrap started.</summary>
    public static BootstrapOutcome NotStarted { get; } = new(BootstrapStatus.Skipped, string.Empty, "interrupted before bootstrap started");

    public static BootstrapOutcome Failed(string errorCode, string message) => new(BootstrapStatus.Failed, errorCode, OneLineText.Of(message));

    /// <summary>An exception no step expected failed this host only: <c>internal_error</c>, type and message on one line.</summary>
    public static BootstrapOutcome InternalError(Exception exception) =>
        Failed(Bootstrap.BootstrapErrorCodes.InternalError, $"unexpected error: {UnexpectedError.Describe(exception)}");

    /// <summary>Equal when status, code, message and the steps (in order) are equal.</summary>
    public bool Equals(BootstrapOutcome? other) =>
        other is not null && Status == other.Status && ErrorCode == other.ErrorCode && Message == other.Message && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Status, ErrorCode, Message, Steps.Count);
}
