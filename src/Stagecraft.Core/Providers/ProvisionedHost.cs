using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>A host after apply, with the changes made (reconcile) or found (drift; with any reconciliations done beside it).</summary>
public sealed record ProvisionedHost(Host Host, ProvisioningState State, IReadOnlyList<PlanChange> Changes);
