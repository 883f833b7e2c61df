using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// The account keys named by <c>ssh_key_name</c> or <c>ssh_keys</c>, listed once per run (<c>GET /v2/account/keys</c>
/// allows only 10 calls a minute): the preflight compares their fingerprints, the creates send their ids.
/// </summary>
internal sealed class SshKeyResolver
{
    private readonly DigitalOceanApiClient api;
    private readonly IReadOnlyList<string> keyNames;
    private IReadOnlyList<SshKeyDto>? matching;

    public SshKeyResolver(DigitalOceanApiClient api, IReadOnlyList<string> keyNames)
    {
        this.api = api;
        this.keyNames = keyNames;
    }

    /// <summary>The names, in the order the config gives them.</summary>
    public IReadOnlyList<string> KeyNames => keyNames;

    /// <summary>The first name: <c>ssh_key_name</c>, the login key's.</summary>
    public string KeyName => keyNames.Count > 0 ? keyNames[0] : string.Empty;

    /// <returns>Every account key with exactly one of the names, sorted by id; empty when there is none.</returns>
    public async Task<IReadOnlyList<SshKeyDto>> MatchingKeysAsync(CancellationToken cancellationToken)
    {
        if (matching is not null)
        {
            return matching;
        }

        var keys = await api.ListSshKeysAsync(cancellationToken).ConfigureAwait(false);
        matching = [.. keys.Where(k => keyNames.Contains(k.Name ?? string.Empty, StringComparer.Ordinal)).OrderBy(k => k.Id)];
        return matching;
    }

    /// <returns>The names no account key has, in config order.</returns>
    public async Task<IReadOnlyList<string>> MissingNamesAsync(CancellationToken cancellationToken)
    {
        var keys = await MatchingKeysAsync(cancellationToken).ConfigureAwait(false);
        return [.. keyNames.Where(n => !keys.Any(k => string.Equals(k.Name, n, StringComparison.Ordinal)))];
    }

    /// <returns>The ids of the login key and of <paramref name="extra"/> (a droplet's <c>ssh_keys</c>), sorted; every name must have a key.</returns>
    public async Task<IReadOnlyList<long>> ResolveAsync(IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> names = [.. extra.Prepend(KeyName).Distinct(StringComparer.Ordinal)];
        var all = await MatchingKeysAsync(cancellationToken).ConfigureAwait(false);
        var missing = names.Where(n => !all.Any(k => string.Equals(k.Name, n, StringComparison.Ordinal))).ToList();
        if (missing.Count > 0)
        {
            var which = missing.Count == 1 ? $"SSH key '{missing[0]}'" : $"SSH keys {string.Join(", ", missing.Select(m => $"'{m}'"))}";
            throw new CloudProviderException($"digitalocean provider: {which} not found in the account; add {(missing.Count == 1 ? "it" : "them")} or fix {(missing.Contains(KeyName, StringComparer.Ordinal) ? "ssh_key_name" : "ssh_keys")}");
        }

        return [.. all.Where(k => names.Contains(k.Name ?? string.Empty, StringComparer.Ordinal)).Select(k => k.Id).Distinct().Order()];
    }
}
