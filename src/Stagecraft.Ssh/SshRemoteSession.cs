using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh;

/// <summary>
/// One SSH connection to one host. Each command runs on its own exec channel without a PTY; stdin gets the
/// command's <see cref="RemoteCommand.Input"/> (if any) and is then closed, so nothing can wait on a prompt.
/// Commands on one session run one at a time. On timeout or cancellation the channel is cancelled (SSH.NET asks the
/// server to signal the process and closes the channel). OpenSSH does not deliver signals to root logins or forced
/// commands, so the remote process may keep running until it next writes output: long remote waits should carry
/// their own <c>timeout N</c> (remote-bootstrap §1). A command's timeout is capped by
/// <see cref="SshSettings.CommandTimeout"/> (<c>infra.bootstrap.ssh.command_timeout</c>) when that is set.
/// </summary>
internal sealed class SshRemoteSession : IRemoteSession
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SshClient client;
    private readonly string endpoint;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly SshSettings settings;
    private readonly SemaphoreSlim commandGate = new(1, 1);
    private int disposed;

    public SshRemoteSession(SshClient client, string endpoint, SshSettings settings, TimeProvider time, IDiagnostics diagnostics)
    {
        this.client = client;
        this.endpoint = endpoint;
        this.settings = settings;
        this.time = time;
        this.diagnostics = diagnostics;
        UserIsRoot = settings.UserIsRoot;
    }

    public bool UserIsRoot { get; }

    public async Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var text = CommandText(command, UserIsRoot);

        await commandGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            diagnostics.Verbose($"ssh {endpoint}: run {text}");
            var timeout = settings.EffectiveCommandTimeout(command.Timeout);
            var result = await ExecuteAsync(text, command, timeout, cancellationToken).ConfigureAwait(false);
            diagnostics.Verbose(result.TimedOut
                ? $"ssh {endpoint}: timed out after {DurationParser.Format(timeout)}: {text}"
                : $"ssh {endpoint}: exit {result.ExitCode}: {text}");
            return result;
        }
        finally
        {
            commandGate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            try
            {
                client.Disconnect();
            }
            catch (Exception e) when (e is SshException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                diagnostics.Verbose($"ssh {endpoint}: disconnect failed: {e.Message}");
            }

            client.Dispose();
            commandGate.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<RemoteResult> ExecuteAsync(string text, RemoteCommand command, TimeSpan commandTimeout, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
        {
            throw Lost(null);
        }

        using var timeout = new CancellationTokenSource(commandTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var sshCommand = client.CreateCommand(text, Utf8);
        Task? execution = null;
        try
        {
            execution = sshCommand.ExecuteAsync(linked.Token);
            if (command.Input is not null)
            {
                await WriteInputAndCloseAsync(sshCommand, command, execution, linked.Token).ConfigureAwait(false);
            }

            await execution.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or SshException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested && client.IsConnected)
            {
                return new RemoteResult(-1, SafeRead(() => sshCommand.Result), SafeRead(() => sshCommand.Error), TimedOut: true);
            }

            if (execution is { IsCompletedSuccessfully: true })
            {
                // The channel closed normally (exit status and output are in); the exception came from around it.
                diagnostics.Verbose($"ssh {endpoint}: ignored after the command completed: {Describe(e)}");
                return Completed(sshCommand);
            }

            if (!client.IsConnected || e is SshConnectionException or SocketException or IOException)
            {
                throw Lost(e);
            }

            diagnostics.Verbose($"ssh {endpoint}: command failed: {Describe(e)}");
            throw new RemoteConnectionException($"running a command on {endpoint} failed: {OneLine(e.Message)}", e);
        }

        return Completed(sshCommand);
    }

    /// <summary>
    /// The exact text for the exec channel. A command without input closes its own stdin (<c>&lt;/dev/null</c>, valid in
    /// every shell sshd may start), so nothing can wait on it and nothing (no EOF) is ever sent on its channel: sending
    /// after the server closed the channel is what makes sshd drop the connection (see <see cref="SshCommandStdin"/>).
    /// </summary>
    internal static string CommandText(RemoteCommand command, bool userIsRoot)
    {
        var text = RemoteCommandRenderer.Render(command, userIsRoot);
        return command.Input is null ? text + " </dev/null" : text;
    }

    private static RemoteResult Completed(SshCommand sshCommand) => new(ExitCode(sshCommand), sshCommand.Result, sshCommand.Error);

    /// <summary>
    /// Writes the secret to the channel, then sends EOF. When the command
    /// has already finished and the channel is closed, nothing more is sent (see <see cref="SshCommandStdin"/>): the
    /// result decides. A send that fails because the connection dropped is left to the awaited command to report.
    /// </summary>
    private static async Task WriteInputAndCloseAsync(SshCommand sshCommand, RemoteCommand command, Task execution, CancellationToken cancellationToken)
    {
        var stdin = SshCommandStdin.Of(sshCommand);
        var bytes = Utf8.GetBytes(command.Input!.Reveal());
        try
        {
            await stdin.WriteAndCloseAsync(bytes, execution, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or SshException or IOException)
        {
            // The connection dropped under the send; awaiting the command reports it.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static int ExitCode(SshCommand sshCommand)
    {
        if (sshCommand.ExitStatus is { } status)
        {
            return status;
        }

        // Killed by a signal: report it the way a shell does (128 + signal number).
        return sshCommand.ExitSignal switch
        {
            "HUP" => 129,
            "INT" => 130,
            "QUIT" => 131,
            "ABRT" => 134,
            "KILL" => 137,
            "SEGV" => 139,
            "PIPE" => 141,
            "ALRM" => 142,
            "TERM" => 143,
            _ => -1,
        };
    }

    private static string SafeRead(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException)
        {
            return string.Empty;
        }
    }

    private RemoteConnectionException Lost(Exception? inner)
    {
        diagnostics.Verbose(inner is null
            ? $"ssh {endpoint}: connection lost: not connected"
            : $"ssh {endpoint}: connection lost: {Describe(inner)}");
        return inner is null
            ? new RemoteConnectionException($"connection to {endpoint} lost while running a command")
            : new RemoteConnectionException($"connection to {endpoint} lost while running a command", inner);
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {OneLine(e.Message)}";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
