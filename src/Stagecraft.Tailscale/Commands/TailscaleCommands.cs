using System.Globalization;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Tailscale.Commands;

/// <summary>
/// Pure builders for every remote command the Tailscale provider runs. Values are validated here and quoted
/// only by <see cref="RemoteCommandRenderer"/>; the auth key travels on stdin (<c>--auth-key=file:/dev/stdin</c>), never in argv.
/// </summary>
internal static class TailscaleCommands
{
    /// <summary>How long <c>tailscale up</c> itself waits for Running (<c>--timeout</c>).</summary>
    public static readonly TimeSpan DefaultUpTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How long the install script may take: up to 10 minutes of apt-get update retries plus a 10-minute lock wait.</summary>
    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(25);

    /// <summary>Extra time the SSH side allows beyond <c>--timeout</c> before it gives up on <c>tailscale up</c>.</summary>
    private static readonly TimeSpan UpGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Tailscale's apt repository set up explicitly (§5.1 of the bootstrap reference; never <c>curl | sh</c>).
    /// Fixed text with no user values: distro id and codename come from /etc/os-release on the host.
    /// apt-get update takes the lists lock without honouring DPkg::Lock::Timeout, so it is retried in a loop.
    /// </summary>
    internal static readonly string InstallScript =
        """
        set -e
        . /etc/os-release
        codename="${UBUNTU_CODENAME:-$VERSION_CODENAME}"
        repo="https://pkgs.tailscale.com/stable/$ID/$codename"
        mkdir -p -m 0755 /usr/share/keyrings
        curl -fsSL "$repo.noarmor.gpg" -o /usr/share/keyrings/tailscale-archive-keyring.gpg
        chmod 0644 /usr/share/keyrings/tailscale-archive-keyring.gpg
        curl -fsSL "$repo.tailscale-keyring.list" -o /etc/apt/sources.list.d/tailscale.list
        chmod 0644 /etc/apt/sources.list.d/tailscale.list
        i=0
        until apt-get -q update; do
          i=$((i + 1))
          [ "$i" -lt 60 ] || exit 100
          sleep 10
        done
        apt-get -o DPkg::Lock::Timeout=600 -y -q install tailscale tailscale-archive-keyring
        systemctl enable --now tailscaled
        """.ReplaceLineEndings("\n");

    /// <summary><c>tailscale version</c>: line 1 is the short version; no daemon needed.</summary>
    public static RemoteCommand Version() => new(["tailscale", "version"]);

    /// <summary><c>tailscale status --json --peers=false</c>: exit 0 whenever tailscaled answers, 1 when it is unreachable.</summary>
    public static RemoteCommand Status() => new(["tailscale", "status", "--json", "--peers=false"]);

    /// <summary>Adds Tailscale's apt repository, installs (or upgrades) tailscale and starts tailscaled, as one privileged script.</summary>
    public static RemoteCommand Install() =>
        RemoteCommand.Shell(InstallScript) with
        {
            Privileged = true,
            Environment =
            [
                new("DEBIAN_FRONTEND", "noninteractive"),
                new("NEEDRESTART_MODE", "a"),
            ],
            Timeout = InstallTimeout,
        };

    /// <summary><c>systemctl enable --now tailscaled</c> (a no-op when it already runs).</summary>
    public static RemoteCommand Start() => new(["systemctl", "enable", "--now", "tailscaled"]) { Privileged = true };

    /// <summary>First login: <c>tailscale up --reset --auth-key=file:/dev/stdin …</c> with <paramref name="authKey"/> fed on stdin.</summary>
    public static RemoteCommand Up(string hostname, IReadOnlyList<string> tags, Secret authKey, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        return UpCommand(hostname, tags, timeout, withKey: true) with { Input = authKey };
    }

    /// <summary>A node logged in to the right tailnet but stopped: the full flag set with <c>--reset</c> and no key.</summary>
    public static RemoteCommand UpWithoutKey(string hostname, IReadOnlyList<string> tags, TimeSpan timeout) =>
        UpCommand(hostname, tags, timeout, withKey: false);

    /// <summary><c>tailscale set --hostname=…</c>: corrects the hostname of a Running node without re-authenticating.</summary>
    public static RemoteCommand SetHostname(string hostname)
    {
        ValidateHostname(hostname);
        return new(["tailscale", "set", $"--hostname={hostname}"]) { Privileged = true };
    }

    /// <summary><c>tailscale logout</c>: only before <c>infra down</c> deletes the host; bootstrap never runs it (it moves a node out of its tailnet).</summary>
    public static RemoteCommand Logout() => new(["tailscale", "logout"]) { Privileged = true };

    private static RemoteCommand UpCommand(string hostname, IReadOnlyList<string> tags, TimeSpan timeout, bool withKey)
    {
        ValidateHostname(hostname);
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            if (tag is null || !TailscaleNames.IsValidTag(tag))
            {
                throw new ArgumentException($"'{tag}' is not a valid tag: {TailscaleNames.TagRule}", nameof(tags));
            }
        }

        if (timeout < TimeSpan.FromSeconds(1) || timeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the up timeout must be a positive whole number of seconds");
        }

        var argv = new List<string> { "tailscale", "up", "--reset" };
        if (withKey)
        {
            argv.Add("--auth-key=file:/dev/stdin");
        }

        argv.Add($"--hostname={hostname}");
        argv.Add($"--advertise-tags={string.Join(',', tags)}");
        argv.Add(string.Create(CultureInfo.InvariantCulture, $"--timeout={(long)timeout.TotalSeconds}s"));
        return new RemoteCommand(argv) { Privileged = true, Timeout = timeout + UpGrace };
    }

    private static void ValidateHostname(string hostname)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        if (!TailscaleNames.IsValidHostname(hostname))
        {
            throw new ArgumentException($"'{hostname}' is not a valid hostname: it must be one DNS label (lowercase letters, digits and '-', at most 63 characters)", nameof(hostname));
        }
    }
}
