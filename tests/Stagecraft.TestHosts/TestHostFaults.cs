namespace Stagecraft.TestHosts;

/// <summary>Names of the fault flags the test-host shims understand (files in <c>&lt;state&gt;/faults/</c>).</summary>
public static class TestHostFaults
{
    /// <summary><c>apt-get update</c> fails with the lists-lock error, exit 100 (content N = the next N calls only).</summary>
    public const string AptUpdateFail = "apt-update-fail";

    /// <summary><c>apt-get install docker-ce|docker.io</c> fails: "E: Unable to locate package …", exit 100.</summary>
    public const string DockerInstallFail = "docker-install-fail";

    /// <summary><c>apt-get install tailscale</c> fails: "E: Unable to locate package tailscale", exit 100.</summary>
    public const string TailscaleInstallFail = "tailscale-install-fail";

    /// <summary><c>systemctl start|restart|enable --now docker</c> fails, exit 1.</summary>
    public const string DockerStartFail = "docker-start-fail";

    /// <summary><c>docker version</c> always reports that the daemon is unreachable, exit 1.</summary>
    public const string DockerBroken = "docker-broken";

    /// <summary><c>apt-get install</c> fails with "dpkg was interrupted …" until <c>dpkg --configure -a</c> runs.</summary>
    public const string DpkgInterrupted = "dpkg-interrupted";
}
