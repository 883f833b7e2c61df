namespace Stagecraft.Core.Remote;

/// <summary>
/// Ready, or not with a one-line reason ("no SSH on 203.0.113.10:22 after 5m: connection refused"). A ready result may
/// carry <see cref="Session"/>: the open connection the probe proved, handed over so the caller does not connect a
/// second time. Whoever receives a result with a session owns it and must dispose it, used or not. A not-ready result
/// never carries a session (the probe disposes what it opened).
/// </summary>
public sealed record ReadinessResult
{
    private ReadinessResult(bool isReady, string message, IRemoteSession? session)
    {
        IsReady = isReady;
        Message = message;
        Session = session;
    }

    public static ReadinessResult Ready { get; } = new(true, string.Empty, session: null);

    public bool IsReady { get; }

    /// <summary>Empty when ready.</summary>
    public string Message { get; }

    /// <summary>The connection the probe proved, now owned by the receiver; <c>null</c> when the probe kept none.</summary>
    public IRemoteSession? Session { get; }

    /// <summary>Ready, handing over <paramref name="session"/> (the receiver owns and disposes it).</summary>
    public static ReadinessResult ReadyWith(IRemoteSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(true, string.Empty, session);
    }

    public static ReadinessResult NotReady(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(false, message, session: null);
    }
}
