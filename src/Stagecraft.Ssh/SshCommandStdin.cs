using System.Reflection;
using System.Runtime.ExceptionServices;
using Renci.SshNet;

namespace Stagecraft.Ssh;

/// <summary>
/// Feeds a running <see cref="SshCommand"/>'s stdin and closes it (EOF) without ever sending data or EOF after the
/// client's own CHANNEL_CLOSE.
/// <para>
/// Why: when a command finishes at once (<c>true</c>, or anything that exits without reading stdin), the server sends
/// CHANNEL_CLOSE, SSH.NET's listener thread answers with its CHANNEL_CLOSE and OpenSSH frees the channel. SSH.NET
/// 2026.0.0's <c>SendEof()</c> and <c>SendData()</c> check <c>IsOpen</c> outside the lock under which <c>Close()</c>
/// sends that CHANNEL_CLOSE and clears <c>IsOpen</c>, so an EOF or data packet can follow it; sshd then drops the whole
/// connection ("ieof packet referred to nonexistent channel 0", "data packet referred to nonexistent channel 0") and the
/// next command fails as "connection lost". Here every send happens while holding the channel's
/// <c>_messagingLock</c> after seeing <c>IsOpen</c>, so it always precedes our CHANNEL_CLOSE (which the server may
/// ignore, but never disconnects for). Data goes in chunks no larger than the server's window, so a send never blocks
/// on window space while holding the lock; when the window is used up we wait for the server's adjustment (or the end
/// of the command) outside the lock.
/// </para>
/// <para>
/// Why not the public <c>SshCommand.CreateInputStream()</c>: its stream sends data and EOF through those same
/// <c>SendData</c>/<c>SendEof</c> calls, so it has the race above; a command that fails before reading its input (say
/// <c>sudo -n</c> refusing) would then cost the whole connection and be reported as "connection lost" instead of its
/// own error. Only commands that take input come here; a command without input closes its stdin itself
/// (<c>&lt;/dev/null</c>, see <see cref="SshRemoteSession"/>), so nothing is ever sent on its channel.
/// </para>
/// <para>
/// The members are private to SSH.NET, looked up once in <see cref="SshNetInternals"/> and checked by the local
/// preflight; the real-sshd tests <c>RunAsync_WithInputLargerThanTheWindow_DeliversEveryByte</c> and
/// <c>SshRemoteSessionStressTests</c> guard their behaviour. A missing member is a <see cref="NotSupportedException"/>
/// carrying <see cref="SshNetInternals.Problem"/>.
/// </para>
/// </summary>
internal sealed class SshCommandStdin
{
    private readonly SshNetInternals members;
    private readonly object channel;
    private readonly Lock messagingLock;
    private readonly EventWaitHandle windowAdjusted;

    private SshCommandStdin(SshNetInternals members, object channel)
    {
        this.members = members;
        this.channel = channel;
        messagingLock = (Lock)(members.MessagingLock.GetValue(channel) ?? throw Unsupported("the channel has no messaging lock"));
        windowAdjusted = (EventWaitHandle)(members.WindowAdjusted.GetValue(channel) ?? throw Unsupported("the channel has no window event"));
    }

    private bool IsOpen => (bool)members.IsOpen.GetValue(channel)!;

    private uint RemoteWindowSize => (uint)members.RemoteWindowSize.GetValue(channel)!;

    private uint RemotePacketSize => (uint)members.RemotePacketSize.GetValue(channel)!;

    /// <exception cref="NotSupportedException">This SSH.NET version lacks a member used here (see <see cref="SshNetInternals.Problem"/>).</exception>
    public static SshCommandStdin Of(SshCommand command) => Of(command, SshNetInternals.Current, SshNetInternals.Problem);

    internal static SshCommandStdin Of(SshCommand command, SshNetInternals? members, string? problem)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (members is null)
        {
            throw new NotSupportedException(problem);
        }

        var channel = members.CommandChannel.GetValue(command) ?? throw Unsupported("SSH.NET has no open channel for the command");
        if (!members.ChannelType.IsInstanceOfType(channel))
        {
            throw Unsupported($"the command's channel is a {channel.GetType().Name}, not a {members.ChannelType.Name}");
        }

        return new SshCommandStdin(members, channel);
    }

    /// <summary>
    /// Writes <paramref name="data"/>, then sends EOF. Stops early (returns <see langword="false"/>) when the channel
    /// closed first, i.e. the command ended without reading everything; <paramref name="execution"/> then has the outcome.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for the server's window.</exception>
    public async Task<bool> WriteAndCloseAsync(byte[] data, Task execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(execution);
        var offset = 0;
        while (offset < data.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int sent;
            using (messagingLock.EnterScope())
            {
                if (!IsOpen)
                {
                    return false;
                }

                sent = (int)Math.Min(Math.Min(RemoteWindowSize, RemotePacketSize), (uint)(data.Length - offset));
                if (sent > 0)
                {
                    Invoke(members.SendData, data, offset, sent);
                }
            }

            offset += sent;
            if (sent == 0 && !await WaitForWindowAsync(execution, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        using (messagingLock.EnterScope())
        {
            if (!IsOpen)
            {
                return false;
            }

            Invoke(members.SendEof);
            return true;
        }
    }

    private static NotSupportedException Unsupported(string reason) => new($"cannot write stdin of the SSH command: {reason}");

    /// <summary>Waits until the server grants window space; <see langword="false"/> when the command ended first.</summary>
    private async Task<bool> WaitForWindowAsync(Task execution, CancellationToken cancellationToken)
    {
        // SSH.NET sets this event on every window adjustment and resets it only when its own sends find the window
        // empty (ours never do). Reset, then look again, so an adjustment that lands in between is not missed.
        windowAdjusted.Reset();
        if (RemoteWindowSize > 0)
        {
            return true;
        }

        var adjusted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ThreadPool.RegisterWaitForSingleObject(
            windowAdjusted, static (state, _) => ((TaskCompletionSource)state!).TrySetResult(), adjusted, Timeout.Infinite, executeOnlyOnce: true);
        try
        {
            var first = await Task.WhenAny(adjusted.Task, execution).WaitAsync(cancellationToken).ConfigureAwait(false);
            return first == adjusted.Task;
        }
        finally
        {
            registration.Unregister(null);
        }
    }

    private void Invoke(MethodInfo method, params object[] arguments)
    {
        try
        {
            method.Invoke(channel, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
