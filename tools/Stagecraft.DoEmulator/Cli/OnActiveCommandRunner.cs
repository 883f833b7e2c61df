using System.Diagnostics;
using System.Globalization;

namespace Stagecraft.DoEmulator.Cli;

/// <summary>
/// Runs a shell command when a droplet turns active. Its stdout is forwarded to our stderr so that our stdout
/// stays the single "listening on" line.
/// </summary>
internal sealed class OnActiveCommandRunner(string command, TextWriter diagnostics)
{
    public void Run(EmulatorDroplet droplet)
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
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                diagnostics.WriteLine(e.Data);
            }
        };
        process.Exited += (_, _) =>
        {
            diagnostics.WriteLine(string.Create(CultureInfo.InvariantCulture, $"on-active-command for {droplet.Name} exited with {process.ExitCode}"));
            process.Dispose();
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
    }
}
