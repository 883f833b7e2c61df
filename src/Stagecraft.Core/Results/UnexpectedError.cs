namespace Stagecraft.Core.Results;

/// <summary>
/// How an exception no stage expected (a bug) is shown: its type name and message on one line. Never the stack
/// (that goes to stderr only with --verbose) and never inner exceptions.
/// </summary>
public static class UnexpectedError
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = OneLineText.Of(exception.Message);
        return message.Length > 0 ? $"{exception.GetType().Name}: {message}" : exception.GetType().Name;
    }

    /// <summary>The global error of a run stopped by an unexpected exception (exit 70).</summary>
    public static ReportError Report(Exception exception) =>
        new(ReportErrorKind.Internal, $"internal error (a bug; run again with --verbose and report it): {Describe(exception)}");
}
