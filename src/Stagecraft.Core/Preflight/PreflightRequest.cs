using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Preflight;

/// <summary>
/// What the run is about to do: the plan, and whether hosts will be bootstrapped (false for <c>--no-bootstrap</c>;
/// a dry run checks as if the real run would bootstrap, unless <c>--no-bootstrap</c> is given).
/// </summary>
public sealed record PreflightRequest(CloudPlan Plan, bool Bootstrapping)
{
    /// <summary>The hosts the apply would create, sorted by name.</summary>
    public IReadOnlyList<PlannedHost> ToCreate => [.. Plan.Hosts.Where(h => h.Action == PlanAction.Create)];

    /// <summary>
    /// The keys the bootstrap will log in with (the local preflight loaded them). Empty when not bootstrapping or when
    /// none loaded (the local findings say why): then there is nothing to compare with the account key.
    /// </summary>
    public IReadOnlyList<LoginKey> LoginKeys { get; init; } = [];
}
