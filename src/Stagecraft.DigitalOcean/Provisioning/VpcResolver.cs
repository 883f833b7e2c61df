using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// The VPCs the config names (<c>vpc:</c>, by name or UUID), from one list of the account's VPCs per run, and only
/// when some host names one: the plan compares a droplet's <c>vpc_uuid</c>, the preflight checks existence and region,
/// the create sends the id.
/// </summary>
internal sealed class VpcResolver
{
    private readonly DigitalOceanApiClient api;
    private IReadOnlyList<VpcDto>? vpcs;

    public VpcResolver(DigitalOceanApiClient api)
    {
        this.api = api;
    }

    /// <returns>The VPC with that UUID, else the one with that name; null when none.</returns>
    public async Task<VpcDto?> FindAsync(string nameOrId, CancellationToken cancellationToken)
    {
        vpcs ??= await api.ListVpcsAsync(cancellationToken).ConfigureAwait(false);
        return vpcs.FirstOrDefault(v => string.Equals(v.Id, nameOrId, StringComparison.OrdinalIgnoreCase))
            ?? vpcs.FirstOrDefault(v => string.Equals(v.Name, nameOrId, StringComparison.Ordinal));
    }

    /// <summary>The id to create with; a VPC the account does not have is the provider's failure (the preflight said so first).</summary>
    public async Task<string> RequireIdAsync(string nameOrId, CancellationToken cancellationToken) =>
        (await FindAsync(nameOrId, cancellationToken).ConfigureAwait(false))?.Id
        ?? throw new CloudProviderException($"digitalocean provider: no VPC named or with id '{nameOrId}' in the account; create it or fix vpc");
}
