using System.Text.Json;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary><c>vpc</c> (name or UUID) against the emulator: sent on create, checked by the preflight, read back as drift.</summary>
public sealed class VpcTests
{
    private const string Private = "2c5a8f3e-0b4f-4c2e-9e1a-6d1f0a7c1b10";
    private const string Foreign = "2c5a8f3e-0b4f-4c2e-9e1a-6d1f0a7c1b11";

    private static readonly EmulatorSetup TwoVpcs = new()
    {
        Vpcs = [new EmulatorVpc(Private, "shop-nyc1", "nyc1"), new EmulatorVpc(Foreign, "shop-fra1", "fra1")],
    };

    [Theory]
    [InlineData("shop-nyc1")]
    [InlineData(Private)]
    public async Task Create_SendsTheVpcsId_ByNameOrUuid(string vpc)
    {
        await using var h = await ProviderHarness.StartAsync($"app-1: {{ role: app, vpc: {vpc} }}", TwoVpcs);

        var plan = await h.PlanAsync();
        Assert.Empty(await h.PreflightAsync(plan, bootstrapping: false));
        await h.ApplyAsync(plan);

        Assert.Contains(new DesiredSetting("vpc", vpc), Assert.Single(plan.Hosts).Desired);
        using var body = JsonDocument.Parse(Assert.Single(h.Sent("POST", "/v2/droplets")).Body!);
        Assert.Equal(Private, body.RootElement.GetProperty("vpc_uuid").GetString());
        Assert.Equal(Private, h.Server.Droplets.Single().VpcUuid);
    }

    [Fact]
    public async Task Preflight_NamesAnUnknownVpc_AndOneInAnotherRegion_BeforeAnyCreate()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app, vpc: nope }\nweb-1: { role: web, vpc: shop-fra1 }", TwoVpcs);

        var plan = await h.PlanAsync();
        var findings = (await h.PreflightAsync(plan, bootstrapping: false)).Select(f => f.Message).ToList();

        Assert.Contains(findings, f => f.Contains("cloud.providers.digitalocean.hosts.staging.app-1.vpc: no VPC named or with id 'nope' in the account: create it, or fix vpc", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains($"cloud.providers.digitalocean.hosts.staging.web-1.vpc: VPC 'shop-fra1' ({Foreign}) is in region fra1, but the host is created in nyc1", StringComparison.Ordinal));
        Assert.Empty(h.Sent("POST", "/v2/droplets"));
    }

    [Fact]
    public async Task ADropletInAnotherVpc_IsDrift_NeverChanged()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app, vpc: shop-nyc1 }", TwoVpcs);
        var seeded = h.Server.SeedDroplet("staging-app-1", ["stagecraft", "stagecraft-env-staging"]);

        var plan = await h.PlanAsync();
        var before = h.Handler.Sent.Count;
        await h.ApplyAsync(plan);

        var planned = Assert.Single(plan.Hosts);
        Assert.Equal(PlanAction.Drift, planned.Action);
        Assert.Equal([new Drift("vpc", $"shop-nyc1 ({Private})", seeded.VpcUuid)], planned.Changes);
        Assert.All(h.Handler.Sent.Skip(before), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task NoVpcDeclared_NeverListsVpcs_AndTheDropletGoesToTheRegionsDefault()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", TwoVpcs);

        await h.UpAsync();

        Assert.DoesNotContain(h.Handler.Sent, r => r.PathAndQuery.StartsWith("/v2/vpcs", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(Assert.Single(h.Sent("POST", "/v2/droplets")).Body!);
        Assert.False(body.RootElement.TryGetProperty("vpc_uuid", out _));
        Assert.NotEqual(Private, h.Server.Droplets.Single().VpcUuid);
    }

    [Fact]
    public void Validation_ANameWithSpaces_NamesTheKey()
    {
        var (_, errors) = ConfigText.Bind("token_env: DO_TOKEN\nssh_key_name: deploy-key\ndefault_region: nyc1\ndefault_size: s-1vcpu-1gb\nhosts:\n  staging:\n    app-1: { role: app, vpc: \"my vpc\" }");

        Assert.Contains("stagecraft.yml:7:30: cloud.providers.digitalocean.hosts.staging.app-1.vpc: must be a VPC name (letters, digits, '.' and '-') or UUID, not 'my vpc'", errors);
    }
}
