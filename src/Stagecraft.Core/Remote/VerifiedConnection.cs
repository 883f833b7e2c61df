namespace Stagecraft.Core.Remote;

/// <summary>
/// The result of a verify-only connection: <see cref="Session"/> is set only for <see cref="ConnectionCheck.Ok"/>
/// (then owned by the receiver, who must dispose it); <see cref="Message"/> says why otherwise, in one line, empty when ok.
/// </summary>
public sealed record VerifiedConnection
{
    private VerifiedConnection(ConnectionCheck check, string message, IRemoteSession? session)
    {
        Check = check;
        Message = message;
        Session = session;
    }

    public ConnectionCheck Check { get; }

    public string Message { get; }

    public IRemoteSession? Session { get; }

    public static VerifiedConnection Ok(IRemoteSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(ConnectionCheck.Ok, string.Empty, session);
    }

    public static VerifiedConnection Failed(ConnectionCheck check, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (check == ConnectionCheck.Ok)
        {
            throw new ArgumentOutOfRangeException(nameof(check), check, "an ok connection carries its session");
        }

        return new(check, message, session: null);
    }
}
