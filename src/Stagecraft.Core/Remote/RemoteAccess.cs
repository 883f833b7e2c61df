namespace Stagecraft.Core.Remote;

/// <summary>The two remote ports for one run: readiness probe and session factory.</summary>
public sealed record RemoteAccess(IReadinessProbe Readiness, IRemoteSessionFactory Sessions);
