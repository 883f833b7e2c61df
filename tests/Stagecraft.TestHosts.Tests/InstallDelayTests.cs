namespace Stagecraft.TestHosts.Tests;

public sealed class InstallDelayTests
{
    /// <summary>
    /// A failing docker install, docker through the get.docker.com script, tailscale with apt-get, then docker again and
    /// a package the shims do not model.
    /// </summary>
    private const string Installs =
        "apt-get install -y docker-ce || true\n" +
        "curl -fsSL https://get.docker.com | sh\n" +
        "apt-get install -y tailscale tailscale-archive-keyring\n" +
        "apt-get install -y docker-ce\n" +
        "apt-get install -y ca-certificates curl\n";

    /// <summary>What commands.log holds after <see cref="Installs"/> without an install delay.</summary>
    private static readonly string[] UndelayedLog =
    [
        "apt-get install -y docker-ce ## DEBIAN_FRONTEND= NEEDRESTART_MODE=",
        "curl -fsSL https://get.docker.com",
        "apt-get -qq update ## DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=",
        "apt-get -y -qq install docker-ce docker-ce-cli containerd.io ## DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=",
        "systemctl enable --now docker",
        "apt-get install -y tailscale tailscale-archive-keyring ## DEBIAN_FRONTEND= NEEDRESTART_MODE=",
        "apt-get install -y docker-ce ## DEBIAN_FRONTEND= NEEDRESTART_MODE=",
        "apt-get install -y ca-certificates curl ## DEBIAN_FRONTEND= NEEDRESTART_MODE=",
    ];

    [Fact]
    public async Task AptInstall_WhenInstallDelaySet_MarksOnlyNewDockerAndTailscaleInstalls()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions
        {
            Address = "127.0.0.215",
            InstallDelay = TimeSpan.FromMilliseconds(250),
        });
        fixture.Host.SetFault(TestHostFaults.DockerInstallFail, "1");

        var result = await fixture.SshAsync(Installs, standardInput: string.Empty);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("0.25\n", fixture.Host.ReadState("delays/install"));
        Assert.Equal(
            [
                UndelayedLog[0],
                UndelayedLog[1],
                UndelayedLog[2],
                UndelayedLog[3] + " ## delayed 0.25s",
                UndelayedLog[4],
                UndelayedLog[5] + " ## delayed 0.25s",
                UndelayedLog[6],
                UndelayedLog[7],
            ],
            fixture.Host.CommandsLog());
        Assert.True(fixture.Host.StateExists("docker/running"), "docker is not running");
        Assert.True(fixture.Host.StateExists("tailscale/running"), "tailscaled is not running");
    }

    [Fact]
    public async Task AptInstall_WhenNoInstallDelay_LogsAsBefore()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.216" });
        fixture.Host.SetFault(TestHostFaults.DockerInstallFail, "1");

        var result = await fixture.SshAsync(Installs, standardInput: string.Empty);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.False(fixture.Host.StateExists("delays/install"), "delays/install exists without a delay");
        Assert.Equal(UndelayedLog, fixture.Host.CommandsLog());
    }

    [Fact]
    public async Task Restart_WhenStartedWithInstallDelay_KeepsTheDelay()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions
        {
            Address = "127.0.0.217",
            InstallDelay = TimeSpan.FromSeconds(2),
        });

        await fixture.Host.RekeyAsync();

        Assert.Equal("2\n", fixture.Host.ReadState("delays/install"));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(250, "0.25")]
    [InlineData(15_000, "15")]
    [InlineData(1_234, "1.234")]
    public void FormatSeconds_WhenGivenASpan_WritesPlainInvariantSeconds(int milliseconds, string expected)
    {
        Assert.Equal(expected, SshTestHost.FormatSeconds(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public async Task StartAsync_WhenInstallDelayNegative_Throws()
    {
        var root = Directory.CreateTempSubdirectory("stagecraft-testhost-").FullName;
        var state = Path.Combine(root, "state");
        var key = await TestClientKey.CreateAsync(Path.Combine(root, "client"));

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SshTestHost.StartAsync(
            new TestHostOptions { Address = "127.0.0.218", InstallDelay = TimeSpan.FromSeconds(-1) },
            key,
            state));

        var stateCreated = Directory.Exists(state);
        Directory.Delete(root, recursive: true);
        Assert.False(stateCreated, "the state directory was created");
        Assert.Equal("InstallDelay must not be negative: -00:00:01 (Parameter 'options')", exception.Message);
    }
}
