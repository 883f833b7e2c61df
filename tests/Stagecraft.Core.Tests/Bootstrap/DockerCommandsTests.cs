using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Tests.Bootstrap;

public sealed class DockerCommandsTests
{
    [Fact]
    public void Detect_IsDockerVersionJsonWithMissingBinaryAsExit127EvenThroughSudo()
    {
        const string Script = "command -v docker >/dev/null 2>&1 || { echo 'docker: command not found' >&2; exit 127; }\nexec docker version --format '{{json .}}'\n";

        Assert.Equal(["sh", "-c", Script], DockerCommands.Detect().Argv);
        Assert.True(DockerCommands.Detect().Privileged);
        Assert.StartsWith("sudo -n sh -c 'command -v docker", RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: false), StringComparison.Ordinal);
        Assert.StartsWith("sh -c 'command -v docker", RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: true), StringComparison.Ordinal);
        Assert.Equal(127, DockerCommands.NotInstalledExitCode);
    }

    [Theory]
    [InlineData(null, 127, "", "docker: command not found\n")]
    [InlineData("echo '{\"Server\":{}}'; exit 0", 0, "{\"Server\":{}}\n", "")]
    [InlineData("echo 'Cannot connect to the Docker daemon' >&2; exit 1", 1, "", "Cannot connect to the Docker daemon\n")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Detect_WhenRunByARealSh_TellsMissingFromFailingDocker(string? fakeDocker, int exitCode, string stdout, string stderr)
    {
        var bin = Directory.CreateTempSubdirectory("stagecraft-detect-").FullName;
        try
        {
            if (fakeDocker is not null)
            {
                var docker = Path.Combine(bin, "docker");
                File.WriteAllText(docker, "#!/bin/sh\n" + fakeDocker + "\n");
                File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            }

            var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(DockerCommands.Detect().Argv[2]);
            start.Environment["PATH"] = bin;
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal((exitCode, stdout, stderr), (process.ExitCode, await output, await error));
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public void BinaryPresent_IsCommandV()
    {
        Assert.Equal("sh -c 'command -v docker'", RemoteCommandRenderer.Render(DockerCommands.BinaryPresent(), userIsRoot: false));
    }

    [Fact]
    public void StartService_EnablesAndStarts()
    {
        Assert.Equal("sudo -n systemctl enable --now docker", RemoteCommandRenderer.Render(DockerCommands.StartService(), userIsRoot: false));
    }

    [Fact]
    public void InstallApt_FollowsDockersRepositorySteps()
    {
        var rendered = RemoteCommandRenderer.Render(DockerCommands.InstallApt(), userIsRoot: false);

        Assert.StartsWith("sudo -n sh -c 'set -eu\nexport DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a LC_ALL=C\n", rendered, StringComparison.Ordinal);
        Assert.Equal(
            """
            set -eu
            export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a LC_ALL=C
            APT='apt-get -o DPkg::Lock::Timeout=600 -y -q'
            apt_update() { i=0; until apt-get -q update; do i=$((i+1)); if [ "$i" -ge 30 ]; then return 100; fi; sleep 10; done; }
            apt_update
            $APT install ca-certificates curl
            . /etc/os-release
            install -m 0755 -d /etc/apt/keyrings
            curl -fsSL "https://download.docker.com/linux/$ID/gpg" -o /etc/apt/keyrings/docker.asc
            chmod a+r /etc/apt/keyrings/docker.asc
            rm -f /etc/apt/sources.list.d/docker.list
            printf 'Types: deb\nURIs: https://download.docker.com/linux/%s\nSuites: %s\nComponents: stable\nArchitectures: %s\nSigned-By: /etc/apt/keyrings/docker.asc\n' "$ID" "${UBUNTU_CODENAME:-$VERSION_CODENAME}" "$(dpkg --print-architecture)" > /etc/apt/sources.list.d/docker.sources
            apt_update
            $APT install docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin
            systemctl enable --now docker

            """,
            DockerCommands.InstallApt().Argv[2]);
        Assert.True(DockerCommands.InstallApt().Privileged);
        Assert.Equal(TimeSpan.FromMinutes(20), DockerCommands.InstallApt().Timeout);
    }

    [Fact]
    public void InstallScript_DownloadsGetDockerToATempFileAndRemovesIt()
    {
        Assert.Equal(
            """
            set -eu
            export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a LC_ALL=C
            f=$(mktemp)
            trap 'rm -f "$f"' EXIT
            curl -fsSL https://get.docker.com -o "$f"
            sh "$f"
            systemctl enable --now docker

            """,
            DockerCommands.InstallScript().Argv[2]);
    }
}
