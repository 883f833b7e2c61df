namespace Stagecraft.Core.Providers;

/// <summary>The outcome of a host's leave of the mesh; <see cref="Message"/> is one line (empty when it left).</summary>
public sealed record NetworkLeave(NetworkLeaveStatus Status, string Message)
{
    public static NetworkLeave Left { get; } = new(NetworkLeaveStatus.Left, string.Empty);
}
