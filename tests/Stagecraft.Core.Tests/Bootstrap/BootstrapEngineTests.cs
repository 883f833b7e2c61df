using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Results;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Bootstrap;

public sealed class BootstrapEngineTests
{
    private readonly FakeRemote remote = new();
    private readonly FakeNetwork network = new();
    private readonly FakeNetworkSettings networkSettings = new(
        ["tag:stagecraft"],
        new Dictionary<string, IReadOnlyList<string>> { ["app"] = ["tag:app"], ["db"] = ["tag:db", "tag:stagecraft"] },
        "example.ts.net");

    private static Host Host(string name, string role = "app", string? ip = "203.0.113.10") =>
        new(name, "staging-" + name, "2147483701", role, ip, ["stagecraft", "stagecraft-env-staging"]);

    private static readonly string Detect = RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: true);

    private BootstrapEngine Engine(DockerSettings? docker = null) =>
        new(remote.Create(new SshSettings("root", 22, "/k", "/kh", TimeSpan.FromMinutes(5))), network, networkSettings, docker ?? new DockerSettings(true, DockerInstallMethod.Apt), NullProgressReporter.Instance);

    [Fact]
    public async Task Bootstrap_FreshHost_InstallsDockerThenJoinsWithComputedTags()
    {
        var outcome = await Engine().BootstrapHostAsync(Host("db-1", "db"), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcome.Status);
        Assert.Equal(
            [
                "cat /etc/os-release",
                Detect,
                RemoteCommandRenderer.Render(DockerCommands.InstallApt(), userIsRoot: true),
                Detect,
            ],
            remote.CommandsFor("db-1"));
        Assert.Equal(["install db-1", "join db-1 tag:db,tag:stagecraft"], network.Calls);
    }

    [Fact]
    public async Task Bootstrap_NonRootUser_IsAddedToTheDockerGroupOnceAndTheStepIsReported()
    {
        var engine = DeployEngine();

        var first = await engine.BootstrapHostAsync(Host("app-1"), CancellationToken.None);
        var commandsAfterFirst = remote.CommandsFor("app-1").Count;
        var second = await engine.BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(["docker installed", "added deploy to the docker group (effective from the next login)"], first.Steps);
        Assert.Equal(["deploy is in the docker group"], second.Steps);
        var commands = remote.CommandsFor("app-1");
        Assert.Equal(1, commands.Count(c => c.Contains("usermod", StringComparison.Ordinal)));
        Assert.Contains("sudo -n usermod -aG docker deploy", commands);
        Assert.DoesNotContain(commands.Skip(commandsAfterFirst), c => c.Contains("usermod", StringComparison.Ordinal));
        Assert.All(commands.Where(c => c.Contains("id -nG", StringComparison.Ordinal)), c => Assert.DoesNotContain("sudo", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bootstrap_RootUser_HasNoDockerGroupStep()
    {
        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(["docker installed"], outcome.Steps);
        Assert.DoesNotContain(remote.CommandsFor("app-1"), c => c.Contains("id -nG", StringComparison.Ordinal) || c.Contains("usermod", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("usermod", 6, "", "usermod: group 'docker' does not exist", "cannot add deploy to the docker group: usermod -aG docker deploy failed")]
    [InlineData("id -nG", 0, "Deploy User\n", "", "cannot tell whether the login user is in the docker group")]
    public async Task Bootstrap_WhenTheDockerGroupStepFails_FailsTheHostWithDockerGroupFailed(string command, int exit, string stdout, string stderr, string message)
    {
        remote.Overrides[("app-1", command)] = new RemoteResult(exit, stdout, stderr);

        var outcome = await DeployEngine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Failed, outcome.Status);
        Assert.Equal(BootstrapErrorCodes.DockerGroupFailed, outcome.ErrorCode);
        Assert.StartsWith(message, outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["docker installed"], outcome.Steps);
        Assert.Empty(network.Calls);
    }

    [Theory]
    [InlineData("deploy\ndeploy sudo docker\n", "deploy", true)]
    [InlineData("deploy\ndeploy\n", "deploy", false)]
    [InlineData("ci$\n", "ci$", false)]
    [InlineData("deploy\ndockers\n", "deploy", false)]
    public void DockerGroupParse_ReadsUserAndMembership(string output, string user, bool member)
    {
        Assert.Equal((user, member), DockerGroupCommands.Parse(output));
    }

    [Theory]
    [InlineData("")]
    [InlineData("rm -rf /\n")]
    [InlineData("a\nb\nc\n")]
    public void DockerGroupParse_RefusesAnythingButAUserNameLine(string output)
    {
        Assert.Null(DockerGroupCommands.Parse(output));
    }

    private BootstrapEngine DeployEngine() =>
        new(remote.Create(new SshSettings("deploy", 22, "/k", "/kh", TimeSpan.FromMinutes(5))), network, networkSettings, new DockerSettings(true, DockerInstallMethod.Apt), NullProgressReporter.Instance);

    [Fact]
    public async Task Bootstrap_DockerAlreadyWorks_RunsNoInstallCommand()
    {
        remote.DockerInstalled["app-1"] = true;

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcome.Status);
        Assert.Equal(["cat /etc/os-release", Detect], remote.CommandsFor("app-1"));
        Assert.Equal(["install app-1", "join app-1 tag:app,tag:stagecraft"], network.Calls);
    }

    [Fact]
    public async Task Bootstrap_DockerDisabled_SkipsDockerEntirely()
    {
        var outcome = await Engine(new DockerSettings(false, DockerInstallMethod.Apt)).BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcome.Status);
        Assert.Equal(["cat /etc/os-release"], remote.CommandsFor("app-1"));
    }

    [Fact]
    public async Task Bootstrap_BinaryPresentButDaemonDown_StartsServiceInsteadOfInstalling()
    {
        remote.Overrides[("app-1", "docker version")] = new RemoteResult(1, "{\"Client\":{\"Version\":\"28.3.2\"},\"Server\":null}", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?");
        remote.Overrides[("app-1", "command -v docker'")] = new RemoteResult(0, "/usr/bin/docker", string.Empty);

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.DockerVerifyFailed, outcome.ErrorCode);
        Assert.Equal("docker is still not usable after install (exit 1: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)", outcome.Message);
        Assert.Contains("systemctl enable --now docker", remote.CommandsFor("app-1"));
        Assert.DoesNotContain(remote.CommandsFor("app-1"), c => c.Contains("docker-ce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bootstrap_InstallFails_IsDockerInstallFailedWithExitCodeAndLastLine()
    {
        remote.Overrides[("app-1", "docker-ce")] = new RemoteResult(100, "Reading package lists...\n", "W: something\nE: Unable to locate package docker-ce\n");

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("docker_install_failed", "docker install (apt) failed (exit 100: E: Unable to locate package docker-ce)"), outcome);
        Assert.Empty(network.Calls);
    }

    [Fact]
    public async Task Bootstrap_ScriptMethod_RunsGetDocker()
    {
        var outcome = await Engine(new DockerSettings(true, DockerInstallMethod.Script)).BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcome.Status);
        Assert.Contains(RemoteCommandRenderer.Render(DockerCommands.InstallScript(), userIsRoot: true), remote.CommandsFor("app-1"));
    }

    [Fact]
    public async Task Bootstrap_SkipMethodWithoutDocker_IsDockerDetectFailed()
    {
        var outcome = await Engine(new DockerSettings(true, DockerInstallMethod.Skip)).BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("docker_detect_failed", "docker is not installed (exit 127: docker: command not found) and install_method is skip"), outcome);
    }

    [Fact]
    public async Task Bootstrap_GarbageDockerVersion_IsDockerDetectFailed()
    {
        remote.Overrides[("app-1", "docker version")] = new RemoteResult(0, "Docker version 28.3.2, build 578ccf6", string.Empty);

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("docker_detect_failed", "docker version printed output that is not the expected JSON"), outcome);
    }

    [Fact]
    public async Task Bootstrap_UnsupportedOs_IsConfigInvalidNamingIt()
    {
        remote.Overrides[("app-1", "os-release")] = new RemoteResult(0, "ID=centos\nVERSION_ID=\"7\"\nPRETTY_NAME=\"CentOS Linux 7 (Core)\"\n", string.Empty);

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("config_invalid", "unsupported operating system: CentOS Linux 7 (Core) (supported: Ubuntu 22.04, Ubuntu 24.04, Debian 12)"), outcome);
        Assert.Equal(["cat /etc/os-release"], remote.CommandsFor("app-1"));
    }

    [Fact]
    public async Task Bootstrap_NotReady_IsSshFailedAndRunsNothing()
    {
        remote.NotReady["app-1"] = "no SSH on 203.0.113.10:22 after 5m: connection refused";

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("ssh_failed", "no SSH on 203.0.113.10:22 after 5m: connection refused"), outcome);
        Assert.Empty(remote.CommandsFor("app-1"));
    }

    [Fact]
    public async Task Bootstrap_ConnectRefused_IsSshFailed()
    {
        remote.ConnectFailures["app-1"] = "host key for 203.0.113.10:22 changed";

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("ssh_failed", "host key for 203.0.113.10:22 changed"), outcome);
    }

    [Fact]
    public async Task Bootstrap_ConnectionDropsMidCommand_IsSshFailed()
    {
        remote.DropConnectionOn[("app-1", "docker-ce")] = true;

        var outcome = await Engine().BootstrapHostAsync(Host("app-1"), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("ssh_failed", "connection to 203.0.113.10:22 lost while running a command"), outcome);
    }

    [Fact]
    public async Task Bootstrap_NoPublicIp_IsSshFailed()
    {
        var outcome = await Engine().BootstrapHostAsync(Host("app-1", ip: null), CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("ssh_failed", "host has no public IPv4 address"), outcome);
    }

    [Fact]
    public async Task Bootstrap_NetworkStepsFail_ReturnTheirCodes()
    {
        network.InstallResults["app-1"] = StepResult.Fail("network_install_failed", "tailscale install failed (exit 100: E: x)");
        network.JoinResults["app-2"] = StepResult.Fail("network_join_failed", "host is in tailnet other.ts.net, expected example.ts.net");

        var outcomes = await Engine().RunAsync([Host("app-2"), Host("app-1"), Host("app-3")], 4, CancellationToken.None);

        Assert.Equal(BootstrapOutcome.Failed("network_install_failed", "tailscale install failed (exit 100: E: x)") with { Steps = ["docker installed"] }, outcomes["app-1"]);
        Assert.Equal(BootstrapOutcome.Failed("network_join_failed", "host is in tailnet other.ts.net, expected example.ts.net") with { Steps = ["docker installed"] }, outcomes["app-2"]);
        Assert.Equal(BootstrapStatus.Success, outcomes["app-3"].Status);
    }

    [Fact]
    public async Task Run_OneHostFails_OthersStillBootstrap()
    {
        remote.NotReady["app-2"] = "no SSH";

        var outcomes = await Engine().RunAsync([Host("app-1"), Host("app-2"), Host("app-3")], 1, CancellationToken.None);

        Assert.Equal(BootstrapStatus.Success, outcomes["app-1"].Status);
        Assert.Equal(BootstrapStatus.Failed, outcomes["app-2"].Status);
        Assert.Equal(BootstrapStatus.Success, outcomes["app-3"].Status);
        Assert.Equal(["app-1", "app-2", "app-3"], remote.ReadinessChecks);
    }

    [Fact]
    public async Task Run_InterruptedDuringAHost_ThatHostIsInterruptedAndTheRestNotStarted()
    {
        using var cts = new CancellationTokenSource();
        remote.OnReadiness = name =>
        {
            if (name == "app-2")
            {
                cts.Cancel();
            }
        };

        var outcomes = await Engine().RunAsync([Host("app-3"), Host("app-1"), Host("app-2")], 1, cts.Token);

        Assert.Equal(BootstrapStatus.Success, outcomes["app-1"].Status);
        Assert.Equal(BootstrapOutcome.Interrupted, outcomes["app-2"]);
        Assert.Equal(BootstrapOutcome.NotStarted, outcomes["app-3"]);
        Assert.Equal(["app-1", "app-2"], remote.ReadinessChecks);
        Assert.Empty(remote.CommandsFor("app-3"));
    }

    [Fact]
    public void HostTags_AreUnionSortedDistinct()
    {
        Assert.Equal(["tag:db", "tag:stagecraft"], HostTags.For("db", networkSettings));
        Assert.Equal(["tag:stagecraft"], HostTags.For("cache", networkSettings));
    }
}
