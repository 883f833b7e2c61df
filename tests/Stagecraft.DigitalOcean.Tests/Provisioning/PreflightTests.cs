using System.Buffers.Binary;
using System.Text;
using Stagecraft.Core.Preflight;
using Stagecraft.DigitalOcean.Provisioning;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>The account preflight against the emulator: every finding at once, each blaming its key, nothing changed.</summary>
public sealed class PreflightTests
{
    private static readonly byte[] LoginBlob = Ed25519Blob(7);

    [Fact]
    public async Task Preflight_WhenEverythingIsOffered_FindsNothing()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }\ndb-1: { role: db, size: m-2vcpu-16gb, region: fra1 }", Matching());

        var findings = await h.PreflightAsync(await h.PlanAsync(), [new LoginKey("key /home/op/.ssh/id_ed25519", LoginBlob)]);

        Assert.Empty(findings);
        Assert.All(h.Handler.Sent, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Preflight_WithNothingToCreate_SendsNoRequest()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        h.Server.SeedDroplet("staging-app-1", ["stagecraft", "stagecraft-env-staging"], size: "s-2vcpu-4gb");
        var plan = await h.PlanAsync();
        var before = h.Handler.Sent.Count;

        Assert.Empty(await h.PreflightAsync(plan));
        Assert.Equal(before, h.Handler.Sent.Count);
    }

    [Fact]
    public async Task Preflight_WithASizeNotOfferedInItsRegion_BlamesTheHostsSizeKeyAndListsWhereItIs()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }\ndb-1: { role: db, size: m-2vcpu-16gb, region: ams3 }");

        var finding = Assert.Single(await h.PreflightAsync(await h.PlanAsync()));

        Assert.Equal(PreflightScope.Cloud, finding.Scope);
        Assert.Equal(["db-1"], finding.Hosts);
        Assert.Equal(
            "stagecraft.yml:10:29: cloud.providers.digitalocean.hosts.staging.db-1.size: size 'm-2vcpu-16gb' is not offered in region 'ams3' " +
            "(it is offered in fra1, nyc3, sfo3): pick another size or region (hosts: db-1)",
            finding.Message);
    }

    [Fact]
    public async Task Preflight_WithBadDefaults_ReportsEveryProblemOnceNamingAllTheirHosts()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }\napp-2: { role: app }\nweb-1: { role: web, region: nyc2 }\nml-1: { role: ml, size: s-99vcpu-1gb, region: lon1 }");

        var findings = await h.PreflightAsync(await h.PlanAsync());

        Assert.Equal(
            [
                "stagecraft.yml:11:33: cloud.providers.digitalocean.hosts.staging.web-1.region: region 'nyc2' does not take new droplets; regions that do: ams3, blr1, fra1, lon1, nyc1, nyc3, sfo2, sfo3, sgp1, syd1, tor1 (hosts: web-1)",
                "stagecraft.yml:12:29: cloud.providers.digitalocean.hosts.staging.ml-1.size: size 's-99vcpu-1gb' does not exist on this account (doctl compute size list shows the slugs) (hosts: ml-1)",
            ],
            findings.Select(f => f.Message));
    }

    [Fact]
    public async Task Preflight_WithAnUnknownRegion_BlamesTheHostsRegionKeyAndAcceptsARegionPrefix()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        h.Configure("app-1: { role: app, region: mars1 }\napp-2: { role: app, region: nyc }");

        var finding = Assert.Single(await h.PreflightAsync(await h.PlanAsync()));

        Assert.StartsWith("stagecraft.yml:9:33: cloud.providers.digitalocean.hosts.staging.app-1.region: region 'mars1' does not exist; regions that take new droplets: ams3,", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_WhenTheAccountIsLockedAndFull_SaysBoth()
    {
        await using var h = await ProviderHarness.StartAsync(
            "app-1: { role: app }\napp-2: { role: app }",
            new EmulatorSetup { AccountStatus = "locked", AccountStatusMessage = "Payment overdue.", DropletLimit = 2 });
        h.Server.SeedDroplet("other-project-1", [], size: "s-1vcpu-1gb");

        var findings = await h.PreflightAsync(await h.PlanAsync());

        Assert.Equal(
            [
                "digitalocean account status is 'locked' (Payment overdue.), and droplets can be created only while it is 'active': resolve it in the control panel, then run again (hosts: app-1, app-2)",
                "the account's droplet_limit is 2 and it has 1 droplets; creating 2 more needs 3: ask DigitalOcean to raise the limit, delete droplets you no longer need, or declare fewer hosts (hosts: app-1, app-2)",
            ],
            findings.Select(f => f.Message));
        Assert.All(findings, f => Assert.Equal(["app-1", "app-2"], f.Hosts));
    }

    [Fact]
    public async Task Preflight_WithAnImageThatDoesNotExistOrDoesNotFit_SaysSo()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        var missing = await PreflightWithImageAsync(h, "ubuntu-99-04-x64", "app-1: { role: app }");
        var tooBig = await PreflightWithImageAsync(h, "12345", "app-1: { role: app, size: s-1vcpu-512mb-10gb }\napp-2: { role: app }");

        Assert.Equal(
            "stagecraft.yml:7:8: cloud.providers.digitalocean.image: image 'ubuntu-99-04-x64' not found: give a distribution image slug such as ubuntu-22-04-x64 (doctl compute image list-distribution), or a snapshot's numeric id (hosts: app-1)",
            Assert.Single(missing).Message);
        Assert.Equal(
            "stagecraft.yml:10:31: cloud.providers.digitalocean.hosts.staging.app-1.size: size 's-1vcpu-512mb-10gb' has a 10 GB disk, and image '12345' needs at least 25 GB: pick a larger size (hosts: app-1)",
            Assert.Single(tooBig).Message);
    }

    [Fact]
    public async Task Preflight_WhenSshKeyNameIsNotInTheAccount_BlamesSshKeyName()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", new EmulatorSetup { SshKeys = [new EmulatorSshKey(1, "laptop", "aa:bb", "ssh-ed25519 AAAA laptop")] });

        var finding = Assert.Single(await h.PreflightAsync(await h.PlanAsync()));

        Assert.Equal(
            "stagecraft.yml:2:15: cloud.providers.digitalocean.ssh_key_name: no SSH key named 'deploy-key' in the account: upload the public half of your login key (doctl compute ssh-key import) or fix ssh_key_name (hosts: app-1)",
            finding.Message);
    }

    [Fact]
    public async Task Preflight_WhenTheAccountKeyIsNotALoginKey_SaysNewHostsWouldBeUnreachable()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", Matching());
        var other = Ed25519Blob(9);
        var otherFingerprint = DropletPreflight.Md5Fingerprint(other);

        var finding = Assert.Single(await h.PreflightAsync(await h.PlanAsync(), [new LoginKey("key /home/op/.ssh/id_ed25519", other)]));
        var skipped = await h.PreflightAsync(await h.PlanAsync(), [new LoginKey("key /home/op/.ssh/id_ed25519", other)], bootstrapping: false);

        Assert.Equal(
            $"stagecraft.yml:2:15: cloud.providers.digitalocean.ssh_key_name: the account key 'deploy-key' (MD5 {DropletPreflight.Md5Fingerprint(LoginBlob)}) is not the public half of any key the bootstrap logs in with " +
            $"(key /home/op/.ssh/id_ed25519: MD5 {otherFingerprint}), so new hosts would refuse the login: name the account key that matches your private key, or log in with the key that matches it (hosts: app-1)",
            finding.Message);
        Assert.Empty(skipped);
    }

    [Fact]
    public async Task Preflight_WhenAnyLoginKeyMatches_IsSatisfied()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", Matching());

        var findings = await h.PreflightAsync(await h.PlanAsync(), [new LoginKey("agent key ed25519 SHA256:x", Ed25519Blob(3)), new LoginKey("key /k", LoginBlob)]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Md5Fingerprint_IsWhatTheEmulatorAndDigitalOceanShow()
    {
        var key = EmulatorSshKey.FromPublicKey(1, "k", $"ssh-ed25519 {Convert.ToBase64String(LoginBlob)} op@laptop");

        Assert.Equal(key.Fingerprint, DropletPreflight.Md5Fingerprint(LoginBlob));
        Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", key.Fingerprint);
    }

    private static async Task<IReadOnlyList<PreflightFinding>> PreflightWithImageAsync(ProviderHarness h, string image, string hosts)
    {
        h.ConfigureWithImage(hosts, image);
        return await h.PreflightAsync(await h.PlanAsync());
    }

    private static EmulatorSetup Matching() =>
        new() { SshKeys = [EmulatorSshKey.FromPublicKey(512190, "deploy-key", $"ssh-ed25519 {Convert.ToBase64String(LoginBlob)} op@laptop")] };

    /// <summary>A well-formed ed25519 public key blob (string "ssh-ed25519", then 32 key bytes).</summary>
    private static byte[] Ed25519Blob(byte fill)
    {
        var type = Encoding.ASCII.GetBytes("ssh-ed25519");
        var blob = new byte[4 + type.Length + 4 + 32];
        BinaryPrimitives.WriteInt32BigEndian(blob, type.Length);
        type.CopyTo(blob, 4);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4 + type.Length), 32);
        blob.AsSpan(8 + type.Length).Fill(fill);
        return blob;
    }
}
