using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Bootstrap;

/// <summary>
/// Pure builders of the remote commands that detect, install and start Docker. The apt method follows Docker's
/// documented apt-repository steps (docker-ce from download.docker.com): current engine and the compose/buildx
/// plugins on every supported OS, the key and repository pinned rather than a piped script, and waits for the
/// dpkg lock instead of failing on it. The distribution's docker.io lags behind and lacks the compose plugin.
/// </summary>
public static class DockerCommands
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(20);

    /// <summary>The exit code of <see cref="Detect"/> when no docker binary is on the PATH.</summary>
    public const int NotInstalledExitCode = 127;

    /// <summary>
    /// <c>docker version --format '{{json .}}'</c>: exit 0 with a JSON object whose <c>Server</c> is not null means
    /// client and daemon are usable. Wrapped in <c>sh -c</c> so that a missing binary is exit
    /// <see cref="NotInstalledExitCode"/> also through <c>sudo -n</c> (sudo itself answers 1 for an unknown command):
    /// on a fresh host one command says "not installed", with no separate <see cref="BinaryPresent"/>.
    /// </summary>
    public static RemoteCommand Detect() =>
        RemoteCommand.Shell(DetectScript) with { Privileged = true, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// Exit 0 when a docker binary exists (then only the service needs starting). Unprivileged: asked only when
    /// <see cref="Detect"/> failed otherwise (daemon down, sudo refused, timed out).
    /// </summary>
    public static RemoteCommand BinaryPresent() =>
        RemoteCommand.Shell("command -v docker") with { Timeout = TimeSpan.FromSeconds(30) };

    public static RemoteCommand StartService() =>
        new(["systemctl", "enable", "--now", "docker"]) { Privileged = true, Timeout = TimeSpan.FromMinutes(2) };

    public static RemoteCommand InstallApt() => RemoteCommand.Shell(AptScript) with { Privileged = true, Timeout = InstallTimeout };

    public static RemoteCommand InstallScript() => RemoteCommand.Shell(GetDockerScript) with { Privileged = true, Timeout = InstallTimeout };

    internal const string DetectScript =
        "command -v docker >/dev/null 2>&1 || { echo 'docker: command not found' >&2; exit 127; }\n" +
        "exec docker version --format '{{json .}}'\n";

    internal const string AptPrelude =
        "set -eu\n" +
        "export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a LC_ALL=C\n" +
        "APT='apt-get -o DPkg::Lock::Timeout=600 -y -q'\n" +
        "apt_update() { i=0; until apt-get -q update; do i=$((i+1)); if [ \"$i\" -ge 30 ]; then return 100; fi; sleep 10; done; }\n";

    internal const string AptScript =
        AptPrelude +
        "apt_update\n" +
        "$APT install ca-certificates curl\n" +
        ". /etc/os-release\n" +
        "install -m 0755 -d /etc/apt/keyrings\n" +
        "curl -fsSL \"https://download.docker.com/linux/$ID/gpg\" -o /etc/apt/keyrings/docker.asc\n" +
        "chmod a+r /etc/apt/keyrings/docker.asc\n" +
        "rm -f /etc/apt/sources.list.d/docker.list\n" +
        "printf 'Types: deb\\nURIs: https://download.docker.com/linux/%s\\nSuites: %s\\nComponents: stable\\nArchitectures: %s\\nSigned-By: /etc/apt/keyrings/docker.asc\\n' " +
        "\"$ID\" \"${UBUNTU_CODENAME:-$VERSION_CODENAME}\" \"$(dpkg --print-architecture)\" > /etc/apt/sources.list.d/docker.sources\n" +
        "apt_update\n" +
        "$APT install docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin\n" +
        "systemctl enable --now docker\n";

    internal const string GetDockerScript =
        "set -eu\n" +
        "export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a LC_ALL=C\n" +
        "f=$(mktemp)\n" +
        "trap 'rm -f \"$f\"' EXIT\n" +
        "curl -fsSL https://get.docker.com -o \"$f\"\n" +
        "sh \"$f\"\n" +
        "systemctl enable --now docker\n";
}
