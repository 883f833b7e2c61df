using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Status;

/// <summary>Whether SSH answered with the pinned host key; <see cref="Message"/> says why not (empty when ok).</summary>
public sealed record SshStatus(ConnectionCheck Check, string Message)
{
    public bool Ok => Check == ConnectionCheck.Ok;
}
