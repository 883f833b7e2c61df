using System.Text.Json.Nodes;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>
/// The environment's cloud firewall against the emulator: planned (create / unchanged / update with the rule diff),
/// applied before any droplet, attached by the environment tag, idempotent, and never another firewall.
/// </summary>
public sealed class FirewallTests
{
    private const string OneHost = "app-1: { role: app }";
    private const string FromOffice = "firewall:\n  ssh_sources: [198.51.100.0/24]\n  ports: [443, 80]";

    private static readonly string[] Mutating = ["POST", "PUT", "DELETE"];

    [Fact]
    public async Task FirstRun_PlansACreateWithEveryRule_AndAppliesItBeforeAnyDroplet()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);
        h.ConfigureWith(OneHost, FromOffice);

        var plan = await h.PlanAsync();
        var applied = await h.ApplyAsync(plan);

        var planned = plan.Firewall!;
        Assert.Equal("stagecraft-shop-staging", planned.Name);
        Assert.Equal(FirewallAction.Create, planned.Action);
        Assert.False(planned.Applied);
        Assert.Equal(
            [
                "inbound tcp 22 from 198.51.100.0/24",
                "inbound tcp 80 from 0.0.0.0/0, ::/0",
                "inbound tcp 443 from 0.0.0.0/0, ::/0",
                "inbound udp 41641 from 0.0.0.0/0, ::/0",
                "outbound icmp to 0.0.0.0/0, ::/0",
                "outbound tcp all to 0.0.0.0/0, ::/0",
                "outbound udp all to 0.0.0.0/0, ::/0",
            ],
            planned.Added.Select(r => r.ToString()));
        Assert.Empty(planned.Warnings);
        Assert.Equal(FirewallAction.Create, applied.Firewall!.Action);
        Assert.True(applied.Firewall.Applied);
        var mutating = h.Handler.Sent.Where(r => Mutating.Contains(r.Method)).Select(r => $"{r.Method} {r.PathAndQuery}").ToList();
        Assert.Equal(["POST /v2/tags", "POST /v2/firewalls", "POST /v2/droplets"], mutating);
        var firewall = Assert.Single(h.Server.Firewalls);
        Assert.Equal(["stagecraft-env-staging"], firewall["tags"]!.AsArray().Select(t => (string?)t));
        Assert.True(h.Server.AllowsInbound("staging-app-1", "tcp", 22, System.Net.IPAddress.Parse("198.51.100.20")));
        Assert.False(h.Server.AllowsInbound("staging-app-1", "tcp", 22, System.Net.IPAddress.Parse("203.0.113.99")));
    }

    [Fact]
    public async Task ReRun_IsUnchanged_WithZeroMutatingRequests()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);
        h.ConfigureWith(OneHost, FromOffice);
        await h.UpAsync();
        h.Configure(OneHost);
        h.ConfigureWith(OneHost, FromOffice);
        var before = h.Handler.Sent.Count;

        var plan = await h.PlanAsync();
        var applied = await h.ApplyAsync(plan);

        Assert.Equal(FirewallAction.Unchanged, plan.Firewall!.Action);
        Assert.Empty(plan.Firewall.Added);
        Assert.Empty(plan.Firewall.Removed);
        Assert.Equal(FirewallAction.Unchanged, applied.Firewall!.Action);
        Assert.DoesNotContain(h.Handler.Sent.Skip(before), r => Mutating.Contains(r.Method));
    }

    [Fact]
    public async Task ChangedSources_PlanTheDiff_AndTheReplaceKeepsWhatOthersAttached()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);
        h.ConfigureWith(OneHost, FromOffice);
        await h.UpAsync();
        var id = (string)h.Server.Firewalls[0]["id"]!;
        var droplet = h.Server.Droplets.Single();
        (await h.SendAsync(HttpMethod.Post, "/v2/tags", """{"name":"team-web"}""")).Dispose();
        (await h.SendAsync(HttpMethod.Put, $"/v2/firewalls/{id}", $$$"""
            {"name": "stagecraft-shop-staging", "inbound_rules": [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["198.51.100.0/24"]}}],
             "droplet_ids": [{{{droplet.Id}}}], "tags": ["stagecraft-env-staging", "team-web"]}
            """)).Dispose();
        h.ConfigureWith(OneHost, "firewall:\n  ssh_sources: [192.0.2.0/24]");

        var plan = await h.PlanAsync();
        await h.ApplyAsync(plan);

        Assert.Equal(FirewallAction.Update, plan.Firewall!.Action);
        Assert.Equal(
            ["inbound tcp 22 from 192.0.2.0/24", "inbound udp 41641 from 0.0.0.0/0, ::/0", "outbound icmp to 0.0.0.0/0, ::/0", "outbound tcp all to 0.0.0.0/0, ::/0", "outbound udp all to 0.0.0.0/0, ::/0"],
            plan.Firewall.Added.Select(r => r.ToString()));
        Assert.Equal(["inbound tcp 22 from 198.51.100.0/24"], plan.Firewall.Removed.Select(r => r.ToString()));
        var after = h.Server.Firewalls.Single();
        Assert.Equal(["stagecraft-env-staging", "team-web"], after["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal([droplet.Id], after["droplet_ids"]!.AsArray().Select(i => (long)i!));
        Assert.Single(h.Sent("PUT", $"/v2/firewalls/{id}"));
    }

    [Fact]
    public async Task WithoutSshSources_SshIsOpenToAnywhere_WithAWarning()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);
        h.ConfigureWith(OneHost, "firewall: {}");

        var plan = await h.PlanAsync();

        Assert.Contains("inbound tcp 22 from 0.0.0.0/0, ::/0", plan.Firewall!.Added.Select(r => r.ToString()));
        Assert.Equal(["SSH is open to anywhere (0.0.0.0/0, ::/0): set cloud.providers.digitalocean.firewall.ssh_sources to the addresses you connect from"], plan.Firewall.Warnings);
    }

    [Fact]
    public async Task AFirewallOfThatNameWithoutOurTag_IsRefused_AndNothingIsTouched()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);
        using var created = await h.SendAsync(HttpMethod.Post, "/v2/firewalls", """
            {"name": "stagecraft-shop-staging", "inbound_rules": [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0"]}}]}
            """);
        Assert.True(created.IsSuccessStatusCode);
        h.ConfigureWith(OneHost, FromOffice);

        var failure = await Assert.ThrowsAsync<CloudProviderException>(h.PlanAsync);

        Assert.Contains("firewall stagecraft-shop-staging (id ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("is not attached to the tag stagecraft-env-staging", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Handler.Sent, r => Mutating.Contains(r.Method));
    }

    [Fact]
    public async Task NoFirewallDeclared_NeverListsFirewalls()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);

        var plan = await h.PlanAsync();
        await h.ApplyAsync(plan);

        Assert.Null(plan.Firewall);
        Assert.DoesNotContain(h.Handler.Sent, r => r.PathAndQuery.StartsWith("/v2/firewalls", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("firewall:\n  ssh_sources: [not-an-ip]", "stagecraft.yml:9:17: cloud.providers.digitalocean.firewall.ssh_sources[0]: must be an IPv4 or IPv6 address or CIDR (e.g. 198.51.100.0/24) (got 'not-an-ip')")]
    [InlineData("firewall:\n  ports: [0]", "stagecraft.yml:9:11: cloud.providers.digitalocean.firewall.ports[0]: must be a TCP port 1-65535 or a range such as 8000-9000 (got '0')")]
    [InlineData("firewall:\n  ports: [9000-8000]", "stagecraft.yml:9:11: cloud.providers.digitalocean.firewall.ports[0]: must be a TCP port 1-65535 or a range such as 8000-9000 (got '9000-8000')")]
    [InlineData("firewall:\n  ssh_source: [198.51.100.0/24]", "stagecraft.yml:9:3: cloud.providers.digitalocean.firewall.ssh_source: unknown key; did you mean ssh_sources? (expected one of: ports, ssh_sources)")]
    public void Validation_NamesTheFileLineColumnAndKey(string section, string error)
    {
        var (_, errors) = ConfigText.Bind($"token_env: DO_TOKEN\nssh_key_name: deploy-key\ndefault_region: nyc1\ndefault_size: s-1vcpu-1gb\nhosts:\n  staging:\n    app-1: {{ role: app }}\n{section}");

        Assert.True(errors.Contains(error), string.Join("\n", errors));
    }

    [Fact]
    public async Task DeleteFirewall_DeletesOursById_DryRunOnlyLooks_AndAbsentIsNothing()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);
        h.ConfigureWith(OneHost, FromOffice);
        await h.UpAsync();
        var id = (string)h.Server.Firewalls[0]["id"]!;
        var request = new CloudPlanRequest(ProviderHarness.Environment, []) { Project = "shop" };

        var looked = await h.Clock.RunAsync(h.Provider.DeleteFirewallAsync(request, dryRun: true, CancellationToken.None));
        var deleted = await h.Clock.RunAsync(h.Provider.DeleteFirewallAsync(request, dryRun: false, CancellationToken.None));
        var again = await h.Clock.RunAsync(h.Provider.DeleteFirewallAsync(request, dryRun: false, CancellationToken.None));

        Assert.Equal(new FirewallTeardown("stagecraft-shop-staging", FirewallTeardownOutcome.WouldDelete, string.Empty), looked);
        Assert.Equal(FirewallTeardownOutcome.Deleted, deleted!.Outcome);
        Assert.Equal(FirewallTeardownOutcome.Absent, again!.Outcome);
        Assert.Equal([$"/v2/firewalls/{id}"], h.Sent("DELETE", "/v2/").Select(r => r.PathAndQuery));
        Assert.Empty(h.Server.Firewalls);
    }

    [Fact]
    public async Task DeleteFirewall_WithoutAFirewallDeclared_IsNull_AndSomeoneElsesIsRefused()
    {
        await using var h = await ProviderHarness.StartAsync(OneHost);
        var request = new CloudPlanRequest(ProviderHarness.Environment, []) { Project = "shop" };
        Assert.Null(await h.Clock.RunAsync(h.Provider.DeleteFirewallAsync(request, dryRun: false, CancellationToken.None)));
        using var created = await h.SendAsync(HttpMethod.Post, "/v2/firewalls", """
            {"name": "stagecraft-shop-staging", "inbound_rules": [{"protocol": "tcp", "ports": "22", "sources": {"addresses": ["0.0.0.0/0"]}}]}
            """);
        h.ConfigureWith(OneHost, FromOffice);

        await Assert.ThrowsAsync<CloudProviderException>(() => h.Clock.RunAsync(h.Provider.DeleteFirewallAsync(request, dryRun: false, CancellationToken.None)));

        Assert.Single(h.Server.Firewalls);
    }
}
