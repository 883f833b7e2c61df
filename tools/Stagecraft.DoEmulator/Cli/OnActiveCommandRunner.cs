using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Stagecraft.DoEmulator.Cli;

/// <summary>
/// Runs a shell command when a droplet turns active, without blocking the emulator. The command's stdout is
/// forwarded to our stderr so that our stdout stays the single "listening on" line.
/// </summary>
internal sealed class OnActiveCommandRunner(string command, TextWriter diagnostics)
{
    public void Run(EmulatorDroplet droplet) => _ = RunAsync(droplet);

    private async Task RunAsync(EmulatorDroplet droplet)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["DROPLET_ID"] = droplet.Id.ToString(CultureInfo.InvariantCulture);
        start.Environment["DROPLET_NAME"] = droplet.Name;
        start.Environment["DROPLET_IP"] = droplet.PublicIp ?? "";
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start");
            process.StandardInput.Close();
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await diagnostics.WriteLineAsync(line).ConfigureAwait(false);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
            await diagnostics.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"on-active-command for {droplet.Name} exited with {process.ExitCode}")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            await diagnostics.WriteLineAsync($"on-active-command for {droplet.Name} failed: {e.Message}").ConfigureAwait(false);
        }
    }
}
