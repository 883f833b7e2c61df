using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Status;

/// <summary>
/// One declared host as <c>infra status</c> found it. <see cref="Existing"/> is the host the cloud has (null when it
/// does not exist); <see cref="Action"/> and <see cref="Changes"/> are what the cloud plan says (drift, pending
/// reconciliations). <see cref="Ssh"/>, <see cref="Docker"/> and <see cref="Mesh"/> are null when not checked
/// (<c>--no-ssh</c>, the host is missing, off or has no public IPv4, docker disabled, or SSH did not let us in).
/// <see cref="InternalError"/> is a bug met while checking this host (the other hosts are still checked).
/// </summary>
public sealed record HostStatus(string Name, string ResourceName, string Role, Host? Existing, PlanAction Action, IReadOnlyList<PlanChange> Changes, string MeshFqdn)
{
    public SshStatus? Ssh { get; init; }

    public DockerStatus? Docker { get; init; }

    public MeshStatus? Mesh { get; init; }

    public string? InternalError { get; init; }

    public bool Exists => Existing is not null;

    /// <summary>The host is off (the plan would power it on).</summary>
    public bool PoweredOff => Changes.Any(c => c is PowerOn);

    /// <summary>The remote checks were asked for this host (SSH not disabled, host exists, is on and has a public IPv4).</summary>
    public bool Reachable => Existing?.PublicIp is { Length: > 0 } && !PoweredOff;

    /// <summary>
    /// Exists with a public IPv4, matches the config (no drift, nothing for <c>infra up</c> to reconcile), and every
    /// check that ran passed: SSH with the pinned key, a Docker server version, and the mesh state with the expected tags.
    /// </summary>
    public bool Healthy(bool remoteChecked) =>
        Existing?.PublicIp is { Length: > 0 }
        && Action == PlanAction.Unchanged
        && InternalError is null
        && (!remoteChecked || (Ssh is { Ok: true } && (Docker is null || Docker.Ok) && Mesh is { Ok: true }));
}
