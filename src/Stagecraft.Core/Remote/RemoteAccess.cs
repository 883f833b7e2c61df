namespace Stagecraft.Core.Remote;

/// <summary>
/// The remote ports for one run: the readiness probe (which may hand over the session it proved), the session
/// factory (used for a host whose probe handed over none), and the host-key pins (forgotten when a host is deleted).
/// </summary>
public sealed record RemoteAccess(IReadinessProbe Readiness, IRemoteSessionFactory Sessions, IHostKeyPins Pins);
