namespace Stagecraft.TestHosts.Tests;

public sealed class OsAndDockerTests
{
    [Fact]
    public async Task OsRelease_WhenReadOverSsh_IsUbuntu2204InsideButNotOutside()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.200" });

        var result = await fixture.SshAsync("cat /etc/os-release");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("VERSION_ID=\"22.04\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("UBUNTU_CODENAME=jammy", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("UBUNTU_CODENAME=jammy", await File.ReadAllTextAsync("/etc/os-release"), StringComparison.Ordinal);
        Assert.Equal(["cat /etc/os-release"], fixture.Host.ExecLog());
    }

    [Fact]
    public async Task Docker_WhenInstalledWithAptOverSsh_AppearsOnlyInsideTheHost()
    {
        var before = MachineSnapshot.Take("/usr/local/bin", "/usr/local/sbin", "/etc/apt", "/usr/share/keyrings");
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.201" });

        var absent = await fixture.SshAsync("command -v docker");
        var install = await fixture.SshAsync(
            "export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a\n" +
            "apt-get -q update && apt-get install -y -q -o DPkg::Lock::Timeout=600 docker-ce docker-ce-cli containerd.io\n" +
            "curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc\n" +
            "echo 'deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu jammy stable' > /etc/apt/sources.list.d/docker.list",
            standardInput: string.Empty);
        var present = await fixture.SshAsync("command -v docker");
        var version = await fixture.SshAsync("docker version --format '{{json .}}'");
        var active = await fixture.SshAsync("systemctl is-active docker");

        Assert.Equal(1, absent.ExitCode);
        Assert.Equal(0, install.ExitCode);
        Assert.Equal("/usr/local/bin/docker\n", present.StandardOutput);
        Assert.Equal(0, version.ExitCode);
        Assert.Equal(
            (await File.ReadAllTextAsync(Path.Combine(fixture.Host.StateDirectory, "fixtures", "docker-version.json"))).Trim() + "\n",
            version.StandardOutput);
        Assert.Equal("active\n", active.StandardOutput);
        Assert.Contains(
            "apt-get install -y -q -o DPkg::Lock::Timeout=600 docker-ce docker-ce-cli containerd.io ## DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a",
            fixture.Host.CommandsLog());
        Assert.StartsWith(
            "export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a\napt-get -q update && apt-get install",
            fixture.Host.ExecLog()[1],
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.Host.StateDirectory, "root", "etc-apt", "sources.list.d", "docker.list")));
        Assert.Equal(before, MachineSnapshot.Take("/usr/local/bin", "/usr/local/sbin", "/etc/apt", "/usr/share/keyrings"));
    }

    [Fact]
    public async Task DockerVersion_WhenDaemonBrokenOrAptUpdateLocked_FailsLikeTheRealThing()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions
        {
            Address = "127.0.0.202",
            PreinstallDocker = true,
        });
        fixture.Host.SetFault(TestHostFaults.DockerBroken);
        fixture.Host.SetFault(TestHostFaults.AptUpdateFail, "1");

        var version = await fixture.SshAsync("docker version --format '{{json .}}'");
        var firstUpdate = await fixture.SshAsync("apt-get update");
        var secondUpdate = await fixture.SshAsync("apt-get update");

        Assert.Equal(1, version.ExitCode);
        Assert.Equal("{\"Client\":", version.StandardOutput[..10]);
        Assert.EndsWith("\"Server\":null}\n", version.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(
            "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n",
            version.StandardError);
        Assert.Equal(100, firstUpdate.ExitCode);
        Assert.StartsWith("E: Could not get lock /var/lib/apt/lists/lock.", firstUpdate.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, secondUpdate.ExitCode);
    }
}
