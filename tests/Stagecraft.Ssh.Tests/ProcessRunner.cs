using System.Diagnostics;

namespace Stagecraft.Ssh.Tests;

/// <summary>Runs a local tool (ssh-keygen) and fails the test with its stderr when it fails.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    /// <summary>Generates a key pair with ssh-keygen; returns the private key path.</summary>
    public static async Task<string> KeygenAsync(string directory, string name, string type, string passphrase = "", int? bits = null)
    {
        var path = Path.Combine(directory, name);
        var args = new List<string> { "-q", "-t", type, "-N", passphrase, "-C", "stagecraft-test", "-f", path };
        if (bits is { } b)
        {
            args.AddRange(["-b", b.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        await RunAsync("ssh-keygen", [.. args]);
        return path;
    }
}
