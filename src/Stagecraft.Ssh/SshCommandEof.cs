using System.Reflection;
using Renci.SshNet;

namespace Stagecraft.Ssh;

/// <summary>
/// Sends EOF on a running <see cref="SshCommand"/>'s channel when no input is written. SSH.NET 2026.0.0's
/// <c>CreateInputStream()</c> stream sends EOF on dispose only after data was written, and nothing else closes stdin,
/// so <c>cat</c> (or any prompt) would wait forever. The channel's own <c>SendEof</c> is reached through the private
/// <c>_channel</c> field; the real-sshd test <c>RunAsync_WithoutInput_ClosesStdinSoCatReturnsAtOnce</c> guards it.
/// </summary>
internal static class SshCommandEof
{
    private static readonly FieldInfo? ChannelField =
        typeof(SshCommand).GetField("_channel", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <exception cref="NotSupportedException">This SSH.NET version no longer has the channel field (update this workaround).</exception>
    public static void Send(SshCommand command)
    {
        var channel = ChannelField?.GetValue(command)
            ?? throw new NotSupportedException("cannot close stdin of the SSH command: SSH.NET has no open channel for it");
        var sendEof = channel.GetType().GetMethod("SendEof", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new NotSupportedException($"cannot close stdin of the SSH command: {channel.GetType().Name} has no SendEof()");
        try
        {
            sendEof.Invoke(channel, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
