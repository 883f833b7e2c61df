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
/// The members are private to SSH.NET and reached by reflection; the real-sshd tests
/// <c>RunAsync_WithoutInput_ClosesStdinSoCatReturnsAtOnce</c>, <c>RunAsync_WithInputLargerThanTheWindow_DeliversEveryByte</c>
/// and <c>SshRemoteSessionStressTests</c> guard them. A missing member is a <see cref="NotSupportedException"/>.
/// </para>
/// </summary>
internal sealed class SshCommandStdin
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
    private const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance;

    private static readonly FieldInfo? ChannelField = typeof(SshCommand).GetField("_channel", Private);

    private readonly object channel;
    private readonly Lock messagingLock;
    private readonly EventWaitHandle windowAdjusted;
    private readonly PropertyInfo isOpen;
    private readonly PropertyInfo remoteWindowSize;
    private readonly PropertyInfo remotePacketSize;
    private readonly MethodInfo sendData;
    private readonly MethodInfo sendEof;

    private SshCommandStdin(object channel)
    {
        var type = channel.GetType();
        this.channel = channel;
        messagingLock = (Lock)(FindField(type, "_messagingLock").GetValue(channel) ?? throw Unsupported("_messagingLock is null"));
        windowAdjusted = (EventWaitHandle)(FindField(type, "_channelServerWindowAdjustWaitHandle").GetValue(channel)
            ?? throw Unsupported("_channelServerWindowAdjustWaitHandle is null"));
        isOpen = type.GetProperty("IsOpen", Public) ?? throw Unsupported($"{type.Name} has no IsOpen");
        remoteWindowSize = type.GetProperty("RemoteWindowSize", Public) ?? throw Unsupported($"{type.Name} has no RemoteWindowSize");
        remotePacketSize = type.GetProperty("RemotePacketSize", Public) ?? throw Unsupported($"{type.Name} has no RemotePacketSize");
        sendData = type.GetMethod("SendData", Public, [typeof(byte[]), typeof(int), typeof(int)])
            ?? throw Unsupported($"{type.Name} has no SendData(byte[], int, int)");
        sendEof = type.GetMethod("SendEof", Public, Type.EmptyTypes) ?? throw Unsupported($"{type.Name} has no SendEof()");
    }

    private bool IsOpen => (bool)isOpen.GetValue(channel)!;

    private uint RemoteWindowSize => (uint)remoteWindowSize.GetValue(channel)!;

    private uint RemotePacketSize => (uint)remotePacketSize.GetValue(channel)!;

    /// <exception cref="NotSupportedException">This SSH.NET version lacks a member used here (update this workaround).</exception>
    public static SshCommandStdin Of(SshCommand command)
    {
        var channel = ChannelField?.GetValue(command) ?? throw Unsupported("SSH.NET has no open channel for the command");
        return new SshCommandStdin(channel);
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
                    Invoke(sendData, data, offset, sent);
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

            Invoke(sendEof);
            return true;
        }
    }

    private static FieldInfo FindField(Type type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetField(name, Private | BindingFlags.DeclaredOnly) is { } field)
            {
                return field;
            }
        }

        throw Unsupported($"{type.Name} has no field {name}");
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
