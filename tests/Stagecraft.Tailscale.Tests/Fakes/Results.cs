using Stagecraft.Core.Remote;

namespace Stagecraft.Tailscale.Tests.Fakes;

/// <summary>Remote results the tests script.</summary>
internal static class Results
{
    public const string DaemonDown = "failed to connect to local tailscaled; it doesn't appear to be running (sudo systemctl start tailscaled ?)";

    public static RemoteResult Ok(string stdout = "") => new(0, stdout, string.Empty);

    public static RemoteResult Exit(int code, string stderr, string stdout = "") => new(code, stdout, stderr);

    public static RemoteResult NotFound() => new(127, string.Empty, "sh: 1: tailscale: not found\n");

    public static RemoteResult Version(string version) => Ok($"{version}\n  tailscale commit: 0a29cf18b56e478b9cd33af07755fcae90d5171a\n  go version: go1.25.5\n");

    public static RemoteResult Fixture(string name) => Ok(Fixtures.Remote(name));

    /// <summary>The running fixture with another BackendState (same tailnet, tags and hostname).</summary>
    public static RemoteResult RunningFixtureAs(string state) =>
        Ok(Fixtures.Remote("tailscale-status-running.json").Replace("\"BackendState\": \"Running\"", $"\"BackendState\": \"{state}\"", StringComparison.Ordinal));

    /// <summary>The needs-login fixture with another BackendState.</summary>
    public static RemoteResult NeedsLoginFixtureAs(string state) =>
        Ok(Fixtures.Remote("tailscale-status-needslogin.json").Replace("\"BackendState\": \"NeedsLogin\"", $"\"BackendState\": \"{state}\"", StringComparison.Ordinal));
}
