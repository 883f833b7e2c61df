namespace Stagecraft.Core.Teardown;

/// <summary>
/// Asks the operator to confirm a teardown, shown the plan (a dry-run report of what would go). The CLI types the
/// environment name on a terminal; returns false when not confirmed.
/// </summary>
public interface ITeardownConfirmation
{
    Task<bool> ConfirmAsync(TeardownReport plan, CancellationToken cancellationToken);
}
