namespace Stagecraft.Core.Remote;

/// <summary>Ready, or not with a one-line reason ("no SSH answer from 203.0.113.10:22 within 5m: connection refused").</summary>
public sealed record ReadinessResult(bool IsReady, string Message)
{
    public static ReadinessResult Ready { get; } = new(true, string.Empty);

    public static ReadinessResult NotReady(string message) => new(false, message);
}
