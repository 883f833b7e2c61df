using Stagecraft.Core.Preflight;

namespace Stagecraft.Core.Providers;

/// <summary>The cloud-provider contract. Failures are <see cref="CloudProviderException"/> (exit code 2).</summary>
public interface ICloudProvider
{
    string Id { get; }

    /// <summary>Read-only: compares declared hosts with what exists.</summary>
    Task<CloudPlan> PlanAsync(CloudPlanRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Read-only: everything the account would refuse for this plan (token, limits, sizes, regions, images, keys),
    /// all at once. Empty when nothing is wrong. Throws <see cref="CloudProviderException"/> only when it cannot check.
    /// </summary>
    Task<IReadOnlyList<PreflightFinding>> PreflightAsync(PreflightRequest request, CancellationToken cancellationToken);

    /// <summary>Creates and reconciles per the plan, waits until every host is running with a public IP.</summary>
    Task<CloudApplyResult> ApplyAsync(CloudPlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes exactly the <see cref="CloudDeleteRequest.Targets"/>, each by its id (never by tag or name), and waits
    /// with one deadline until each is gone. A target that could not be deleted is a failed result, not an exception;
    /// <see cref="CloudProviderException"/> only when nothing can be deleted (token refused).
    /// </summary>
    Task<IReadOnlyList<CloudDeleteResult>> DeleteAsync(CloudDeleteRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The environment's cloud firewall for <c>infra down --include-firewall</c>: with <paramref name="dryRun"/> only
    /// looked up, otherwise deleted. Null when the config declares none. A firewall of that name the provider did not
    /// make (not attached by the environment tag) is refused with <see cref="CloudProviderException"/>.
    /// </summary>
    Task<FirewallTeardown?> DeleteFirewallAsync(CloudPlanRequest request, bool dryRun, CancellationToken cancellationToken);
}
