using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// The account keys named <c>ssh_key_name</c>, listed once per run (<c>GET /v2/account/keys</c> allows only 10 calls a
/// minute): the preflight compares their fingerprints, the creates send their ids.
/// </summary>
internal sealed class SshKeyResolver
{
    private readonly DigitalOceanApiClient api;
    private readonly string keyName;
    private IReadOnlyList<SshKeyDto>? matching;

    public SshKeyResolver(DigitalOceanApiClient api, string keyName)
    {
        this.api = api;
        this.keyName = keyName;
    }

    public string KeyName => keyName;

    /// <returns>Every account key with exactly that name, sorted by id; empty when there is none.</returns>
    public async Task<IReadOnlyList<SshKeyDto>> MatchingKeysAsync(CancellationToken cancellationToken)
    {
        if (matching is not null)
        {
            return matching;
        }

        var keys = await api.ListSshKeysAsync(cancellationToken).ConfigureAwait(false);
        matching = [.. keys.Where(k => string.Equals(k.Name, keyName, StringComparison.Ordinal)).OrderBy(k => k.Id)];
        return matching;
    }

    /// <returns>The ids of every account key with that exact name, sorted.</returns>
    public async Task<IReadOnlyList<long>> ResolveAsync(CancellationToken cancellationToken)
    {
        var keys = await MatchingKeysAsync(cancellationToken).ConfigureAwait(false);
        return keys.Count == 0
            ? throw new CloudProviderException($"digitalocean provider: SSH key '{keyName}' not found in the account; add it or fix ssh_key_name")
            : [.. keys.Select(k => k.Id)];
    }
}
