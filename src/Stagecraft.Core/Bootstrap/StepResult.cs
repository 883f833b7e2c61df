namespace Stagecraft.Core.Bootstrap;

/// <summary>The outcome of one bootstrap step: success (with what it did, possibly nothing) or a failure code and one-line message.</summary>
public sealed record StepResult(bool Succeeded, string ErrorCode, string Message, IReadOnlyList<string> Actions)
{
    public static StepResult Ok(params string[] actions) => new(true, string.Empty, string.Empty, actions);

    public static StepResult Fail(string errorCode, string message) => new(false, errorCode, message, []);
}
