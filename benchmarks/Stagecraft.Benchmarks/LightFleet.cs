using System.Diagnostics;
using System.Globalization;
using Stagecraft.DoEmulator;
using Stagecraft.TestHosts;

namespace Stagecraft.Benchmarks;

/// <summary>
/// The light fleet (tools/testhost/fleet.sh): one sshd for every host, in the benchmark's private network namespace.
/// A host "boots" when its droplet has been active for the profile's SSH delay: fleet.sh add-host copies its state
/// and adds its address to lo; before that, connecting to it fails at once (network unreachable) and the CLI's
/// readiness probe retries. Disposing stops the sshd and with it every session.
/// </summary>
internal sealed class LightFleet : IHostFleet
{
    private readonly string fleetScript;
    private readonly string stateDirectory;
    private readonly TimeSpan sshDelay;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<Task> starting = [];
    private readonly List<string> failures = [];
    private TimeSpan? lastActive;
    private TimeSpan? lastSshUp;
    private int sshdPid;

    private LightFleet(string fleetScript, string stateDirectory, TimeSpan sshDelay, TimeProvider time, long started)
    {
        this.fleetScript = fleetScript;
        this.stateDirectory = stateDirectory;
        this.sshDelay = sshDelay;
        this.time = time;
        this.started = started;
    }

    public TimeSpan? LastActive { get { lock (gate) { return lastActive; } } }

    public TimeSpan? LastSshUp { get { lock (gate) { return lastSshUp; } } }

    public IReadOnlyList<string> Failures { get { lock (gate) { return [.. failures]; } } }

    public static async Task<LightFleet> StartAsync(
        string fleetScript, string stateDirectory, TestClientKey clientKey, LatencyProfile latency, TimeProvider time, long started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientKey);
        ArgumentNullException.ThrowIfNull(latency);
        var fleet = new LightFleet(fleetScript, stateDirectory, latency.SshDelay, time, started);
        var output = await RunAsync(
            fleetScript,
            ["start", "--state", stateDirectory, "--authorized-key", clientKey.PrivateKeyPath + ".pub", "--install-delay", latency.InstallDelay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)],
            cancellationToken).ConfigureAwait(false);
        var pidLine = output.Split('\n').FirstOrDefault(l => l.StartsWith("pid=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"fleet.sh start printed no pid: {output}");
        fleet.sshdPid = int.Parse(pidLine["pid=".Length..], CultureInfo.InvariantCulture);
        return fleet;
    }

    public void OnDropletActive(EmulatorDroplet droplet)
    {
        ArgumentNullException.ThrowIfNull(droplet);
        lock (gate)
        {
            lastActive = time.GetElapsedTime(started);
            if (!stop.IsCancellationRequested)
            {
                starting.Add(Task.Run(() => BootAsync(droplet, stop.Token)));
            }
        }
    }

    /// <summary>
    /// The fleet sshd's CPU so far: its own and every connection and session it reaped (utime + stime + cutime +
    /// cstime). Waits up to 5 s for the connections the CLI closed to be reaped first.
    /// </summary>
    public async Task<TimeSpan?> ReadCpuAsync()
    {
        var children = $"/proc/{sshdPid}/task/{sshdPid}/children";
        for (var i = 0; i < 50 && File.Exists(children) && (await File.ReadAllTextAsync(children).ConfigureAwait(false)).Trim().Length > 0; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time).ConfigureAwait(false);
        }

        return ProcessCpu.Read(sshdPid, includeChildren: true);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (gate)
        {
            stop.Cancel();
            pending = [.. starting];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        await RunAsync(fleetScript, ["stop", "--state", stateDirectory], CancellationToken.None).ConfigureAwait(false);
        Directory.Delete(stateDirectory, recursive: true);
        stop.Dispose();
    }

    private async Task BootAsync(EmulatorDroplet droplet, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(sshDelay, time, cancellationToken).ConfigureAwait(false);
            var address = droplet.PublicIp ?? throw new InvalidOperationException("the active droplet has no public IPv4");
            await RunAsync(fleetScript, ["add-host", "--state", stateDirectory, "--ip", address], cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                lastSshUp = time.GetElapsedTime(started);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            lock (gate)
            {
                failures.Add($"{droplet.Name}: {exception.Message}");
            }
        }
    }

    private static async Task<string> RunAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"fleet.sh {arguments[0]} failed (exit {process.ExitCode}): {errors.Trim()}");
    }
}
