using System.Globalization;
using System.Security.Cryptography;
using Stagecraft.Core.Preflight;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// What the account would refuse about the droplets a run is about to create, checked read-only before the first
/// create: account status, <c>droplet_limit</c> headroom, each size offered in its region, the region available, the
/// image, <c>ssh_key_name</c> present, and the account key being the public half of a key the bootstrap logs in with.
/// Nothing is cached across runs; with nothing to create it sends no request at all. Findings blame the config key that
/// set the value (<c>file:line:col</c> when written) and name the hosts they concern.
/// </summary>
internal sealed class DropletPreflight
{
    private readonly DigitalOceanSettings settings;
    private readonly DigitalOceanApiClient api;
    private readonly SshKeyResolver sshKeys;
    private readonly VpcResolver vpcs;
    private readonly ProjectAssigner projects;

    public DropletPreflight(DigitalOceanSettings settings, DigitalOceanApiClient api, SshKeyResolver sshKeys, VpcResolver vpcs, ProjectAssigner projects)
    {
        this.projects = projects;
        this.vpcs = vpcs;
        this.settings = settings;
        this.api = api;
        this.sshKeys = sshKeys;
    }

    /// <param name="toCreate">The droplets the apply would create, sorted by host name.</param>
    public async Task<IReadOnlyList<PreflightFinding>> CheckAsync(
        IReadOnlyList<DropletSpec> toCreate, IReadOnlyList<LoginKey> loginKeys, CancellationToken cancellationToken)
    {
        if (toCreate.Count == 0)
        {
            return [];
        }

        var findings = new Findings();
        var names = toCreate.Select(d => d.Name).ToList();
        var account = await api.GetAccountAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(account.Status, "active", StringComparison.Ordinal))
        {
            var detail = string.IsNullOrWhiteSpace(account.StatusMessage) ? string.Empty : $" ({account.StatusMessage.Trim()})";
            findings.Add(
                $"digitalocean account status is '{account.Status}'{detail}, and droplets can be created only while it is 'active': resolve it in the control panel, then run again",
                names);
        }

        var existing = await api.CountDropletsAsync(cancellationToken).ConfigureAwait(false);
        if (existing + toCreate.Count > account.DropletLimit)
        {
            findings.Add(
                $"the account's droplet_limit is {account.DropletLimit} and it has {existing} droplets; creating {toCreate.Count} more needs {existing + toCreate.Count}: " +
                "ask DigitalOcean to raise the limit, delete droplets you no longer need, or declare fewer hosts",
                names);
        }

        var regions = await api.ListRegionsAsync(cancellationToken).ConfigureAwait(false);
        var sizes = await api.ListSizesAsync(cancellationToken).ConfigureAwait(false);
        var available = regions.Where(r => r.Available == true && r.Slug is not null).Select(r => r.Slug!).Order(StringComparer.Ordinal).ToList();
        foreach (var droplet in toCreate)
        {
            CheckPlacement(droplet, regions, available, sizes, findings);
        }

        await CheckImagesAsync(toCreate, sizes, findings, cancellationToken).ConfigureAwait(false);
        await CheckVpcsAsync(toCreate, findings, cancellationToken).ConfigureAwait(false);
        foreach (var droplet in toCreate.Where(d => d.Options.Project is not null))
        {
            if (await projects.FindAsync(droplet.Options.Project!, cancellationToken).ConfigureAwait(false) is null)
            {
                findings.Add(Blame(droplet.Options.ProjectKey, $"no project named '{droplet.Options.Project}' in the account: create it (doctl projects create), or fix project"), droplet.Name);
            }
        }

        await CheckSshKeyAsync(toCreate, names, loginKeys, findings, cancellationToken).ConfigureAwait(false);
        return findings.ToList();
    }

    /// <summary>The region exists and takes new droplets; the size exists, is available, and is offered there.</summary>
    /// <param name="available">The slugs of the regions that take new droplets, sorted.</param>
    private void CheckPlacement(DropletSpec droplet, IReadOnlyList<RegionDto> regions, IReadOnlyList<string> available, IReadOnlyList<SizeDto> sizes, Findings findings)
    {
        var candidates = RegionsFor(droplet.Region, regions);
        if (candidates.Count == 0)
        {
            findings.Add(Blame(droplet.RegionKey, $"region '{droplet.Region}' does not exist; regions that take new droplets: {string.Join(", ", available)}"), droplet.Name);
            return;
        }

        if (!candidates.Any(r => r.Available == true))
        {
            findings.Add(Blame(droplet.RegionKey, $"region '{droplet.Region}' does not take new droplets; regions that do: {string.Join(", ", available)}"), droplet.Name);
            return;
        }

        var size = sizes.FirstOrDefault(s => string.Equals(s.Slug, droplet.Size, StringComparison.Ordinal));
        if (size is null)
        {
            findings.Add(Blame(droplet.SizeKey, $"size '{droplet.Size}' does not exist on this account (doctl compute size list shows the slugs)"), droplet.Name);
            return;
        }

        if (!size.Available)
        {
            findings.Add(Blame(droplet.SizeKey, $"size '{droplet.Size}' is no longer available for new droplets; pick another size"), droplet.Name);
            return;
        }

        var offered = candidates.Where(r => r.Available == true).Any(r => (size.Regions ?? []).Contains(r.Slug!, StringComparer.Ordinal));
        if (!offered)
        {
            var where = (size.Regions ?? []).Where(available.Contains).Order(StringComparer.Ordinal).ToList();
            var elsewhere = where.Count == 0 ? "no region offers it now" : $"it is offered in {string.Join(", ", where)}";
            findings.Add(Blame(droplet.SizeKey, $"size '{droplet.Size}' is not offered in region '{droplet.Region}' ({elsewhere}): pick another size or region"), droplet.Name);
        }
    }

    /// <summary>The exact region, or for a bare prefix such as <c>nyc</c> (which a create accepts) every <c>nycN</c>.</summary>
    private static List<RegionDto> RegionsFor(string region, IReadOnlyList<RegionDto> regions)
    {
        var exact = regions.Where(r => string.Equals(r.Slug, region, StringComparison.Ordinal)).ToList();
        return exact.Count > 0
            ? exact
            : [.. regions.Where(r => r.Slug is { } slug && slug.Length == region.Length + 1 && slug.StartsWith(region, StringComparison.Ordinal) && char.IsAsciiDigit(slug[^1]))];
    }

    /// <summary>Each image exists (public by slug, private by id), is usable, and fits the disk of every size it is used with.</summary>
    private async Task CheckImagesAsync(IReadOnlyList<DropletSpec> toCreate, IReadOnlyList<SizeDto> sizes, Findings findings, CancellationToken cancellationToken)
    {
        foreach (var group in toCreate.GroupBy(d => d.Image, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var hosts = group.Select(d => d.Name).ToList();
            var key = group.First().ImageKey;
            var image = await api.GetImageAsync(group.Key, cancellationToken).ConfigureAwait(false);
            if (image is null)
            {
                findings.Add(Blame(key, $"image '{group.Key}' not found: give a distribution image slug such as {DigitalOceanSettings.DefaultImage} (doctl compute image list-distribution), or a snapshot's numeric id"), hosts);
                continue;
            }

            if (image.Status is { } status && !string.Equals(status, "available", StringComparison.Ordinal))
            {
                findings.Add(Blame(key, $"image '{group.Key}' is '{status}', not 'available': wait for it or pick another image"), hosts);
                continue;
            }

            foreach (var droplet in group)
            {
                var size = sizes.FirstOrDefault(s => string.Equals(s.Slug, droplet.Size, StringComparison.Ordinal));
                if (size is not null && image.MinDiskSize is { } min && min > size.Disk)
                {
                    findings.Add(Blame(droplet.SizeKey, $"size '{droplet.Size}' has a {size.Disk} GB disk, and image '{group.Key}' needs at least {min} GB: pick a larger size"), droplet.Name);
                }
            }
        }
    }

    /// <summary>Each named VPC exists on the account and is in the region its host is created in.</summary>
    private async Task CheckVpcsAsync(IReadOnlyList<DropletSpec> toCreate, Findings findings, CancellationToken cancellationToken)
    {
        foreach (var droplet in toCreate.Where(d => d.Options.Vpc is not null))
        {
            var named = droplet.Options.Vpc!;
            var vpc = await vpcs.FindAsync(named, cancellationToken).ConfigureAwait(false);
            if (vpc is null)
            {
                findings.Add(Blame(droplet.Options.VpcKey, $"no VPC named or with id '{named}' in the account: create it, or fix vpc"), droplet.Name);
            }
            else if (!string.Equals(vpc.Region, droplet.Region, StringComparison.Ordinal))
            {
                findings.Add(
                    Blame(droplet.Options.VpcKey, $"VPC '{named}' ({vpc.Id}) is in region {vpc.Region}, but the host is created in {droplet.Region}: pick a VPC of {droplet.Region}, or change the region"),
                    droplet.Name);
            }
        }
    }

    /// <summary>
    /// Every name of <c>ssh_key_name</c> / <c>ssh_keys</c> is on the account, and (when the bootstrap will log in) one of
    /// those keys is the public half of a login key.
    /// </summary>
    private async Task CheckSshKeyAsync(IReadOnlyList<DropletSpec> toCreate, IReadOnlyList<string> hosts, IReadOnlyList<LoginKey> loginKeys, Findings findings, CancellationToken cancellationToken)
    {
        var keys = await sshKeys.MatchingKeysAsync(cancellationToken).ConfigureAwait(false);
        var several = sshKeys.KeyNames.Count > 1;
        var missingNames = await sshKeys.MissingNamesAsync(cancellationToken).ConfigureAwait(false);
        if (missingNames.Contains(sshKeys.KeyName, StringComparer.Ordinal))
        {
            findings.Add(
                Blame(settings.SshKeyNameKey, $"no SSH key named '{sshKeys.KeyName}' in the account: upload the public half of your login key (doctl compute ssh-key import) or fix ssh_key_name"),
                hosts);
        }

        foreach (var droplet in toCreate)
        {
            foreach (var missing in droplet.Options.SshKeys.Where(k => missingNames.Contains(k, StringComparer.Ordinal)))
            {
                findings.Add(Blame(droplet.Options.SshKeysKey, $"no SSH key named '{missing}' in the account: upload it (doctl compute ssh-key import) or remove it from ssh_keys"), droplet.Name);
            }
        }

        if (keys.Count == 0)
        {
            return;
        }

        if (loginKeys.Count == 0)
        {
            return;
        }

        var login = loginKeys.Select(k => (Key: k, Fingerprint: Md5Fingerprint(k.PublicKeyBlob))).ToList();
        var account = keys.Where(k => k.Fingerprint is not null).Select(k => k.Fingerprint!).ToList();
        if (account.Count == 0 || login.Any(l => account.Contains(l.Fingerprint, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        findings.Add(
            Blame(
                settings.SshKeyNameKey,
                $"{(several ? $"none of the account keys {string.Join(", ", sshKeys.KeyNames.Select(n => $"'{n}'"))}" : $"the account key '{sshKeys.KeyName}'")} (MD5 {string.Join(", ", account.Order(StringComparer.Ordinal))}) is {(several ? "" : "not ")}the public half of {(several ? "a" : "any")} key the bootstrap logs in with " +
                $"({string.Join("; ", login.Select(l => $"{l.Key.Description}: MD5 {l.Fingerprint}"))}), so new hosts would refuse the login: " +
                "name the account key that matches your private key, or log in with the key that matches it"),
            hosts);
    }

    /// <summary>The fingerprint DigitalOcean shows for a key: MD5 of its wire-format blob, colon-separated hex.</summary>
    internal static string Md5Fingerprint(IReadOnlyList<byte> publicKeyBlob)
    {
#pragma warning disable CA5351 // DigitalOcean identifies account keys by their MD5 fingerprint: an identifier, not a security check.
        var hash = MD5.HashData([.. publicKeyBlob]);
#pragma warning restore CA5351
        return string.Join(':', hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private string Blame(string keyPath, string problem) => settings.Places.Describe(keyPath, problem);

    /// <summary>Findings with the same message merge, naming every host they concern (sorted).</summary>
    private sealed class Findings
    {
        private readonly SortedDictionary<string, SortedSet<string>> byMessage = new(StringComparer.Ordinal);

        public void Add(string message, string host) => Add(message, [host]);

        public void Add(string message, IEnumerable<string> hosts)
        {
            if (!byMessage.TryGetValue(message, out var set))
            {
                byMessage[message] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(hosts);
        }

        public List<PreflightFinding> ToList() =>
            [.. byMessage.Select(m => new PreflightFinding(PreflightScope.Cloud, WithHosts(m.Key, m.Value)) { Hosts = [.. m.Value] })];

        private static string WithHosts(string message, IReadOnlyCollection<string> hosts) =>
            $"{message} (hosts: {string.Join(", ", hosts)})";
    }
}
