using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// One apply: reconcile (tags, power on), create what is missing in batches without ever re-sending an ambiguous
/// create, then wait until every touched droplet is active with a public IPv4. Orchestrates the parts, all within one
/// deadline, and turns failures into provider errors that carry what is known.
/// </summary>
internal sealed class DropletApplyRun
{
    private readonly CloudPlan plan;
    private readonly IReadOnlyDictionary<string, DropletSpec> specs;
    private readonly DigitalOceanApiClient api;
    private readonly SshKeyResolver sshKeys;
    private readonly TimeProvider time;
    private readonly IDiagnostics diagnostics;
    private readonly DigitalOceanApiOptions options;
    private readonly TimeSpan createTimeout;

    public DropletApplyRun(
        CloudPlan plan,
        IReadOnlyDictionary<string, DropletSpec> specs,
        DigitalOceanApiClient api,
        SshKeyResolver sshKeys,
        TimeProvider time,
        IDiagnostics diagnostics,
        DigitalOceanApiOptions options,
        TimeSpan createTimeout)
    {
        this.plan = plan;
        this.specs = specs;
        this.api = api;
        this.sshKeys = sshKeys;
        this.time = time;
        this.diagnostics = diagnostics;
        this.options = options;
        this.createTimeout = createTimeout;
    }

    public async Task<CloudApplyResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        // One deadline for the whole apply (power-ons, creates, the ambiguous-create search and the wait for active):
        // every wait polls within what is left of create_timeout, never a fresh create_timeout of its own.
        var deadline = ApplyDeadline.Start(time, options, createTimeout);
        var ledger = new ApplyLedger(plan.Environment, specs);
        var reconciler = new DropletReconciler(plan.Environment, api, deadline, ledger, diagnostics);
        var creator = new DropletCreator(plan.Environment, specs, api, sshKeys, options, deadline, ledger, diagnostics);
        var waiter = new PendingDropletWaiter(plan.Environment, api, deadline, ledger, diagnostics, options.MaxReadsByIdPerPoll);
        try
        {
            ledger.RecordPlanned(plan);
            var powerOnFailures = await reconciler.ReconcileAsync(plan, cancellationToken).ConfigureAwait(false);
            if (powerOnFailures.Count > 0)
            {
                // Nothing is created after a failed in-place change; what was powered on is still waited for and reported.
                ledger.RecordFailed(powerOnFailures.Keys);
                if (ledger.HasPending)
                {
                    await waiter.WaitAfterFailureAsync(cancellationToken).ConfigureAwait(false);
                }

                throw new CloudProviderException(PowerOnFailureMessage(powerOnFailures), ledger.Known(), hostFailures: powerOnFailures);
            }

            try
            {
                await creator.CreateMissingAsync(plan, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DigitalOceanApiException or CloudProviderException && ledger.HasPending && !cancellationToken.IsCancellationRequested)
            {
                // Part of the creates failed (e.g. 422 droplet limit on one batch): the droplets that were created still get
                // their id and IP in the report, so the user sees what exists; then the failure stands (exit 2).
                await waiter.WaitAfterFailureAsync(cancellationToken).ConfigureAwait(false);
                if (ex is CloudProviderException failed)
                {
                    throw new CloudProviderException(failed.Message, ledger.Known(), failed.InnerException);
                }

                throw;
            }

            await waiter.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return new CloudApplyResult(ledger.Known());
        }
        catch (DigitalOceanApiException ex)
        {
            throw new CloudProviderException(ex.Message, ledger.Known(), ex);
        }
        catch (CloudProviderException ex) when (ex.KnownHosts.Count == 0 && ledger.HasKnown)
        {
            throw new CloudProviderException(ex.Message, ledger.Known(), ex.InnerException, ex.HostFailures);
        }
    }

    private string PowerOnFailureMessage(IReadOnlyDictionary<string, string> failures)
    {
        var names = string.Join(", ", failures.Keys.Select(n => Core.Hosts.ResourceNamer.ResourceName(plan.Environment, n)));
        var count = failures.Count == 1 ? "1 droplet" : $"{failures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} droplets";
        return $"digitalocean provider: could not power on {count} ({names}); nothing was created. See each host's reason, then run again";
    }
}
