namespace Stagecraft.Core.Providers;

/// <summary>The cloud-provider contract. Failures are <see cref="CloudProviderException"/> (exit code 2).</summary>
public interface ICloudProvider
{
    string Id { get; }

    /// <summary>Read-only: compares declared hosts with what exists.</summary>
    Task<CloudPlan> PlanAsync(CloudPlanRequest request, CancellationToken cancellationToken);

    /// <summary>Creates and reconciles per the plan, waits until every host is running with a public IP.</summary>
    Task<CloudApplyResult> ApplyAsync(CloudPlan plan, CancellationToken cancellationToken);
}
