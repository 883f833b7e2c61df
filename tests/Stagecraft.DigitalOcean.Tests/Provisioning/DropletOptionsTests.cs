using System.Globalization;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>Droplet options against the emulator: sent on create, planned, reconciled in place, reported as drift.</summary>
public sealed class DropletOptionsTests
{
    private const string Hosts = """
        app-1: { role: app, tags: [web, team-a], monitoring: true, ipv6: true }
        app-2: { role: app, tags: [web, team-a], monitoring: true, ipv6: true }
        db-1: { role: db, backups: true }
        """;

    [Fact]
    public async Task ApplyAsync_WhenHostsHaveOptions_SendsThemOnCreateOneRequestPerDistinctSet()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts);

        await h.UpAsync();

        Assert.Equal(
            [
                """{"names":["staging-app-1","staging-app-2"],"region":"nyc1","size":"s-2vcpu-4gb","image":"ubuntu-22-04-x64","ssh_keys":[512190],"tags":["stagecraft","stagecraft-env-staging","team-a","web"],"monitoring":true,"ipv6":true}""",
                """{"names":["staging-db-1"],"region":"nyc1","size":"s-2vcpu-4gb","image":"ubuntu-22-04-x64","ssh_keys":[512190],"tags":["stagecraft","stagecraft-env-staging"],"backups":true}""",
            ],
            h.Sent("POST", "/v2/droplets").Where(r => r.PathAndQuery == "/v2/droplets").Select(r => r.Body).Order(StringComparer.Ordinal));
        var app1 = h.Server.Droplets.Single(d => d.Name == "staging-app-1");
        Assert.Equal(["stagecraft", "stagecraft-env-staging", "team-a", "web"], app1.Tags.Order(StringComparer.Ordinal));
        Assert.Equal((true, false, true), (app1.Monitoring, app1.Backups, app1.Ipv6));
        Assert.True(h.Server.Droplets.Single(d => d.Name == "staging-db-1").Backups);
    }

    [Fact]
    public async Task ApplyAsync_WhenUserDataIsSet_SendsTheFileVerbatimAndNeverComparesIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stagecraft-user-data-{Guid.NewGuid():N}.yml");
        const string CloudInit = "#cloud-config\r\nruncmd:\n  - [sh, -c, \"echo 'hi' > /tmp/x\"]\n";
        await File.WriteAllTextAsync(file, CloudInit);
        try
        {
            await using var h = await ProviderHarness.StartAsync($"app-1: {{ role: app, user_data: '{file}' }}");

            await h.UpAsync();
            var again = await h.PlanAsync();

            var droplet = Assert.Single(h.Server.Droplets);
            Assert.Equal(CloudInit, droplet.UserData);
            Assert.Equal((false, false, false), (droplet.Monitoring, droplet.Backups, droplet.Ipv6));
            Assert.Equal(PlanAction.Unchanged, Assert.Single(again.Hosts).Action);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PlanAsync_WhenRunAgainWithNoChange_IsUnchangedAndApplyMakesNoMutatingRequest()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts);
        await h.UpAsync();
        var before = h.Handler.Sent.Count;

        var plan = await h.PlanAsync();
        var result = await h.ApplyAsync(plan);

        Assert.All(plan.Hosts, p => Assert.Equal(PlanAction.Unchanged, p.Action));
        Assert.All(result.Hosts, p => Assert.Equal(ProvisioningState.Unchanged, p.State));
        Assert.All(h.Handler.Sent.Skip(before), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task ApplyAsync_WhenADeclaredTagWasRemovedByHand_AddsItBackInPlace()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts);
        await h.UpAsync();
        var app1 = h.Server.Droplets.Single(d => d.Name == "staging-app-1");
        h.Server.RemoveTags(app1.Id, "team-a");

        var plan = await h.PlanAsync();
        var result = await h.ApplyAsync(plan);

        var planned = plan.Hosts.Single(p => p.Spec.Name == "app-1");
        Assert.Equal(PlanAction.Reconcile, planned.Action);
        Assert.Equal([new AddTag("team-a")], planned.Changes);
        Assert.Equal(ProvisioningState.Reconciled, result.Hosts.Single(p => p.Host.Name == "app-1").State);
        Assert.Contains("team-a", h.Server.Droplets.Single(d => d.Id == app1.Id).Tags);
        Assert.Equal(
            $$"""{"resources":[{"resource_id":"{{app1.Id.ToString(CultureInfo.InvariantCulture)}}","resource_type":"droplet"}]}""",
            Assert.Single(h.Sent("POST", "/v2/tags/team-a/resources")).Body);
    }

    [Fact]
    public async Task PlanAsync_WhenFeaturesOrHandTagsDiffer_ReportsDriftAndApplyNeverChangesThem()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app, monitoring: true, tags: [web] }");
        var seeded = h.Server.SeedDroplet("staging-app-1", ["stagecraft", "stagecraft-env-staging", "web", "legacy"]);

        var plan = await h.PlanAsync();
        var before = h.Handler.Sent.Count;
        var result = await h.ApplyAsync(plan);

        var planned = Assert.Single(plan.Hosts);
        Assert.Equal(PlanAction.Drift, planned.Action);
        Assert.Equal([new Drift("monitoring", "on", "off"), new Drift("tags", "web", "legacy, web")], planned.Changes);
        Assert.Equal(ProvisioningState.Drifted, Assert.Single(result.Hosts).State);
        Assert.All(h.Handler.Sent.Skip(before), r => Assert.Equal("GET", r.Method));
        Assert.Equal(["legacy", "stagecraft", "stagecraft-env-staging", "web"], h.Server.Droplets.Single(d => d.Id == seeded.Id).Tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PlanAsync_WhenAHostIsToBeCreated_TheDesiredSettingsListItsOptions()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts);

        var plan = await h.PlanAsync();

        Assert.Equal(
            ["size s-2vcpu-4gb", "region nyc1", "image ubuntu-22-04-x64", "tags team-a, web", "features ipv6, monitoring"],
            plan.Hosts.Single(p => p.Spec.Name == "app-1").Desired.Select(d => $"{d.Name} {d.Value}"));
    }
}
