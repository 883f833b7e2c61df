using System.Globalization;

namespace Stagecraft.Benchmarks;

/// <summary>
/// The fixed latencies every run sees: droplet new→active (<see cref="BootDelay"/>), sshd starting after the droplet
/// turned active (<see cref="SshDelay"/>), latency added to every API response (<see cref="ResponseDelay"/>) and the
/// wait of each first docker or tailscale package install on a host (<see cref="InstallDelay"/>, the test-host shims'
/// <c>--install-delay</c>). <see cref="Name"/> says which named profile it came from and which flags changed it.
/// </summary>
internal sealed record LatencyProfile(string Name, TimeSpan BootDelay, TimeSpan SshDelay, TimeSpan ResponseDelay, TimeSpan InstallDelay)
{
    /// <summary>The harness's original profile: quick boots, slow API, no install work.</summary>
    public static LatencyProfile Fast { get; } =
        new("fast", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.Zero);

    /// <summary>DigitalOcean-like: where the time goes on a real cloud (boot, sshd, each host's own package installs).</summary>
    public static LatencyProfile Cloud { get; } =
        new("cloud", TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(15));

    public static IReadOnlyList<LatencyProfile> Named { get; } = [Fast, Cloud];

    /// <summary>One line for the report, e.g. <c>cloud: boot 25.0 s (new→active), …</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}: boot {BootDelay.TotalSeconds:0.0##} s (new→active), sshd up {SshDelay.TotalSeconds:0.0##} s after active, API response delay {ResponseDelay.TotalSeconds:0.0##} s, install delay {InstallDelay.TotalSeconds:0.0##} s per first docker or tailscale install on a host");
}
