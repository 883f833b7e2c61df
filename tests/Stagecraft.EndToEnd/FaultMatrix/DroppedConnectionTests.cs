using System.Diagnostics;
using Stagecraft.EndToEnd.Support;
using Stagecraft.TestHosts;
using static Stagecraft.EndToEnd.FaultMatrix.FaultMatrixChecks;

namespace Stagecraft.EndToEnd.FaultMatrix;

/// <summary>
/// Fault matrix, SSH row "connection dropped during a remote command". The host's package database is a named pipe
/// with no writer, so the fake <c>apt-get install</c> blocks on it (a remote command that hangs); the host is then
/// stopped under the running command. IP 127.0.0.176.
/// </summary>
public sealed class DroppedConnectionTests
{
    [Fact]
    public async Task InfraUp_WhenHostDiesDuringDockerInstall_FailsThatHostWithSshFailedAndReRunInstalls()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.176"], TimeSpan.FromSeconds(1));
        world.OnActive("app-1", HostBehavior.NeverStarts);
        var host = await world.StartHostAsync(EndToEndWorld.ResourceName("app-1"), new TestHostOptions { Address = "127.0.0.176" });
        var packages = Path.Combine(host.StateDirectory, "dpkg", "installed");
        await MakeFifoAsync(packages);
        world.WriteConfig([new("app-1", "app")]);

        using var process = world.StartInfraUp(["--output", "json"]);
        await Eventually.UntilAsync(() => host.CommandsLog().Any(RecordedCommand.IsAptInstall), TimeSpan.FromSeconds(40), "apt-get install to start");
        await host.StopAsync();
        var run = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 10, run.ToString());
        var report = run.Host("app-1");
        Assert.Equal("created", report.GetProperty("provisioning").GetString());
        var bootstrap = report.GetProperty("bootstrap");
        Assert.Equal("failed", bootstrap.GetProperty("status").GetString());
        Assert.Equal("ssh_failed", bootstrap.GetProperty("error_code").GetString());
        Assert.Contains("127.0.0.176", bootstrap.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(host.StateExists("docker/running"));
        OneDropletPerHost(world, "app-1");

        File.Delete(packages);
        await host.RestartAsync();
        var mark = HostLogs.Mark(host);
        await ReRunConvergesAsync(world, "app-1");

        Assert.Contains(mark.CommandsSince(host), RecordedCommand.IsAptInstall);
        Assert.True(host.StateExists("docker/running"), "docker is not running after the re-run");
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start("mkfifo", ["-m", "0666", path]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
