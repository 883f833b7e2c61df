using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>Resolves <c>ssh_key_name</c> to key ids once per run (<c>GET /v2/account/keys</c> allows only 10 calls a minute).</summary>
internal sealed class SshKeyResolver
{
    private readonly DigitalOceanApiClient api;
    private readonly string keyName;
    private IReadOnlyList<long>? resolved;

    public SshKeyResolver(DigitalOceanApiClient api, string keyName)
    {
        this.api = api;
        this.keyName = keyName;
    }

    /// <returns>The ids of every account key with that exact name, sorted.</returns>
    public async Task<IReadOnlyList<long>> ResolveAsync(CancellationToken cancellationToken)
    {
        if (resolved is not null)
        {
            return resolved;
        }

        var keys = await api.ListSshKeysAsync(cancellationToken).ConfigureAwait(false);
        var ids = keys.Where(k => string.Equals(k.Name, keyName, StringComparison.Ordinal)).Select(k => k.Id).Order().ToList();
        if (ids.Count == 0)
        {
            throw new CloudProviderException($"digitalocean provider: SSH key '{keyName}' not found in the account; add it or fix ssh_key_name");
        }

        resolved = ids;
        return ids;
    }
}
