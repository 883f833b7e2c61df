using System.Diagnostics;

namespace Stagecraft.Ssh.Tests;

/// <summary>
/// A real OpenSSH <c>ssh-agent -D -a SOCKET</c> started by the test, and <c>ssh-add</c> to give it keys. Ready once it
/// printed its <c>SSH_AUTH_SOCK=…</c> line (it binds the socket before); killed, by its own process handle, on dispose.
/// Owns a temp directory (<see cref="Temp"/>) for its socket and the test's keys.
/// </summary>
internal sealed class TestSshAgent : IAsyncDisposable
{
    private readonly Process process;

    private TestSshAgent(Process process, TempDirectory temp, string socketPath)
    {
        this.process = process;
        Temp = temp;
        SocketPath = socketPath;
    }

    public TempDirectory Temp { get; }

    public string SocketPath { get; }

    public static async Task<TestSshAgent> StartAsync()
    {
        var temp = new TempDirectory();
        var socketPath = temp.File("agent.sock");
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

        var process = Process.Start(start)!;
        var first = await process.StandardOutput.ReadLineAsync();
        if (first is null || !first.StartsWith("SSH_AUTH_SOCK=", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            process.Dispose();
            temp.Dispose();
            throw new InvalidOperationException($"ssh-agent did not start: {first} {error}");
        }

        return new TestSshAgent(process, temp, socketPath);
    }

    /// <summary><c>ssh-add PATH</c> (an unprotected key).</summary>
    public async Task AddAsync(string privateKeyPath)
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
        using var add = Process.Start(start)!;
        add.StandardInput.Close();
        var stderr = add.StandardError.ReadToEndAsync();
        await add.StandardOutput.ReadToEndAsync();
        await add.WaitForExitAsync();
        if (add.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-add {privateKeyPath} failed ({add.ExitCode}): {await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        Temp.Dispose();
    }
}
