namespace Stagecraft.Benchmarks;

/// <summary>
/// The fixed latencies every run sees: droplet new→active (<see cref="BootDelay"/>), sshd starting after the droplet
/// turned active (<see cref="SshDelay"/>), and latency added to every API response (<see cref="ResponseDelay"/>,
/// which stands in for the install delay the test-host shims cannot simulate).
/// </summary>
internal sealed record LatencyProfile(TimeSpan BootDelay, TimeSpan SshDelay, TimeSpan ResponseDelay);
