using System.Diagnostics;

namespace Stagecraft.TestHosts;

/// <summary>
/// A real OpenSSH <c>ssh-agent -D -a SOCKET</c> started by a test, and <c>ssh-add</c> to give it keys. Ready once it
/// printed its <c>SSH_AUTH_SOCK=…</c> line (it binds the socket before that); killed, by its own process handle, on dispose.
/// </summary>
public sealed class SshAgentProcess : IAsyncDisposable
{
    private readonly Process process;

    private SshAgentProcess(Process process, string socketPath)
    {
        this.process = process;
        SocketPath = socketPath;
    }

    /// <summary>The agent's socket: the value of <c>SSH_AUTH_SOCK</c> for its clients.</summary>
    public string SocketPath { get; }

    public static async Task<SshAgentProcess> StartAsync(string socketPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var start = new ProcessStartInfo("ssh-agent")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-a", socketPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ssh-agent");
        var first = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (first is null || !first.StartsWith("SSH_AUTH_SOCK=", StringComparison.Ordinal))
        {
            process.Kill();
            var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            process.Dispose();
            throw new InvalidOperationException($"ssh-agent did not start: {first} {error.Trim()}");
        }

        return new SshAgentProcess(process, socketPath);
    }

    /// <summary><c>ssh-add PATH</c> (an unprotected key file).</summary>
    public async Task AddAsync(string privateKeyPath, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("ssh-add")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(privateKeyPath);
        start.Environment["SSH_AUTH_SOCK"] = SocketPath;
        using var add = Process.Start(start) ?? throw new InvalidOperationException("could not start ssh-add");
        add.StandardInput.Close();
        var stderr = add.StandardError.ReadToEndAsync(cancellationToken);
        await add.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await add.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (add.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-add {privateKeyPath} failed ({add.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill();
        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
    }
}
