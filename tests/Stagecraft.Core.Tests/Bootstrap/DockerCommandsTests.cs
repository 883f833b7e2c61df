using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Tests.Bootstrap;

public sealed class DockerCommandsTests
{
    [Fact]
    public void Detect_IsDockerVersionJson()
    {
        Assert.Equal("sudo -n docker version --format '{{json .}}'", RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: false));
        Assert.Equal("docker version --format '{{json .}}'", RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: true));
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
