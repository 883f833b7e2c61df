using System.Diagnostics;
using Stagecraft.DoEmulator;
using Stagecraft.TestHosts;

namespace Stagecraft.Benchmarks;

/// <summary>
/// The "machines" behind the droplets: when a droplet turns active, its SSH test host boots (sshd on the droplet's
/// public IP, port 2222) after the profile's SSH delay, with the profile's install delay on its first docker and tailscale
/// package installs. Disposing stops every host, also those still starting.
/// </summary>
internal sealed class HostFleet : IHostFleet
{
    private readonly TestClientKey clientKey;
    private readonly string hostsDirectory;
    private readonly string testHostScript;
    private readonly TimeSpan sshDelay;
    private readonly TimeSpan installDelay;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<Task> starting = [];
    private readonly List<SshTestHost> running = [];
    private readonly List<string> failures = [];
    private TimeSpan? lastActive;
    private TimeSpan? lastSshUp;

    public HostFleet(TestClientKey clientKey, string hostsDirectory, string testHostScript, LatencyProfile latency, TimeProvider time, long started)
    {
        this.clientKey = clientKey;
        this.hostsDirectory = hostsDirectory;
        this.testHostScript = testHostScript;
        ArgumentNullException.ThrowIfNull(latency);
        this.sshDelay = latency.SshDelay;
        this.installDelay = latency.InstallDelay;
        this.time = time;
        this.started = started;
        Directory.CreateDirectory(hostsDirectory);
    }

    /// <summary>When the last droplet turned active, since the CLI started.</summary>
    public TimeSpan? LastActive
    {
        get
        {
            lock (gate)
            {
                return lastActive;
            }
        }
    }

    /// <summary>When the last host's sshd accepted connections, since the CLI started.</summary>
    public TimeSpan? LastSshUp
    {
        get
        {
            lock (gate)
            {
                return lastSshUp;
            }
        }
    }

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (gate)
            {
                return [.. failures];
            }
        }
    }

    /// <summary>Handler for <see cref="DoEmulatorServer.DropletBecameActive"/>; returns at once (runs on the emulator's timer).</summary>
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

    /// <summary>Not measured: each host's sshd runs in a namespace of its own, reaped by no common parent.</summary>
    public Task<TimeSpan?> ReadCpuAsync() => Task.FromResult<TimeSpan?>(null);

    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (gate)
        {
            stop.Cancel();
            pending = [.. starting];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        foreach (var host in running)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }

        // A start cut short by cancellation leaves no SshTestHost behind: stop whatever state directory is left.
        foreach (var directory in Directory.EnumerateDirectories(hostsDirectory))
        {
            await StopByStateAsync(directory).ConfigureAwait(false);
        }

        Directory.Delete(hostsDirectory, recursive: true);
        stop.Dispose();
    }

    private async Task BootAsync(EmulatorDroplet droplet, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(sshDelay, time, cancellationToken).ConfigureAwait(false);
            if (droplet.PublicIp is null)
            {
                throw new InvalidOperationException("the active droplet has no public IPv4");
            }

            var host = await SshTestHost.StartAsync(
                new TestHostOptions { Address = droplet.PublicIp, InstallDelay = installDelay },
                clientKey,
                Path.Combine(hostsDirectory, droplet.Name),
                cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                running.Add(host);
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

    private async Task StopByStateAsync(string stateDirectory)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { testHostScript, "stop", "--state", stateDirectory })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start bash");
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync(), process.WaitForExitAsync()).ConfigureAwait(false);
    }
}
