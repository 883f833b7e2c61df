namespace Stagecraft.Core.Providers;

public sealed record CloudApplyResult(IReadOnlyList<ProvisionedHost> Hosts);
