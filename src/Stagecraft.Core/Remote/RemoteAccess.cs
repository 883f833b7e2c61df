namespace Stagecraft.Core.Remote;

/// <summary>
/// The two remote ports for one run: the readiness probe (which may hand over the session it proved) and the session
/// factory (used for a host whose probe handed over none).
/// </summary>
public sealed record RemoteAccess(IReadinessProbe Readiness, IRemoteSessionFactory Sessions);
