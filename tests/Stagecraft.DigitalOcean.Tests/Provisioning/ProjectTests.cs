using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary><c>project</c> against the emulator: new droplets are assigned after the create, one found elsewhere is moved in place.</summary>
public sealed class ProjectTests
{
    private const string Shop = "6f5c0a8e-2b1d-4c3e-9f4a-1a2b3c4d5e6f";

    private static readonly EmulatorSetup WithShop = new() { Projects = [new EmulatorProject(Shop, "shop")] };

    private static readonly string[] Mutating = ["POST", "PUT", "DELETE"];

    [Fact]
    public async Task CreatedDroplets_AreAssignedToTheProject_InOneRequest_AndAReRunMutatesNothing()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }\nweb-1: { role: web }", WithShop);
        h.ConfigureWith("app-1: { role: app }\nweb-1: { role: web }", "project: shop");

        var plan = await h.PlanAsync();
        Assert.Empty(await h.PreflightAsync(plan, bootstrapping: false));
        await h.ApplyAsync(plan);

        Assert.All(h.Server.Droplets, d => Assert.Equal(Shop, h.Server.ProjectOf(d.Id)));
        var assign = Assert.Single(h.Sent("POST", $"/v2/projects/{Shop}/resources"));
        Assert.Equal(
            $$"""{"resources":[{{string.Join(",", h.Server.Droplets.Select(d => $"\"do:droplet:{d.Id}\"").Order(StringComparer.Ordinal))}}]}""",
            assign.Body);

        h.ConfigureWith("app-1: { role: app }\nweb-1: { role: web }", "project: shop");
        var before = h.Handler.Sent.Count;
        var again = await h.PlanAsync();
        await h.ApplyAsync(again);

        Assert.All(again.Hosts, p => Assert.Equal(PlanAction.Unchanged, p.Action));
        Assert.DoesNotContain(h.Handler.Sent.Skip(before), r => Mutating.Contains(r.Method));
    }

    [Fact]
    public async Task ADropletInAnotherProject_IsAReconcile_MovedInPlace()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app, project: shop }", WithShop);
        var seeded = h.Server.SeedDroplet("staging-app-1", ["stagecraft", "stagecraft-env-staging"]);

        var plan = await h.PlanAsync();
        var result = await h.ApplyAsync(plan);

        var planned = Assert.Single(plan.Hosts);
        Assert.Equal(PlanAction.Reconcile, planned.Action);
        Assert.Equal([new MoveToProject("shop")], planned.Changes);
        Assert.Equal(ProvisioningState.Reconciled, Assert.Single(result.Hosts).State);
        Assert.Equal(Shop, h.Server.ProjectOf(seeded.Id));
        Assert.Empty(h.Sent("POST", "/v2/droplets"));
    }

    [Fact]
    public async Task AnUnknownProject_IsAPreflightFindingOnTheKey_AndTheApplyFailsAfterTheCreatesWithoutLosingThem()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app, project: nope }", WithShop);

        var plan = await h.PlanAsync();
        var finding = Assert.Single(await h.PreflightAsync(plan, bootstrapping: false));
        var failure = await Assert.ThrowsAsync<CloudProviderException>(() => h.ApplyAsync(plan));

        Assert.Contains("cloud.providers.digitalocean.hosts.staging.app-1.project: no project named 'nope' in the account: create it (doctl projects create), or fix project", finding.Message, StringComparison.Ordinal);
        Assert.Equal("digitalocean provider: no project named 'nope' in the account; create it or fix project", failure.Message);
        Assert.Single(failure.KnownHosts);
    }

    [Fact]
    public async Task NoProjectNamed_NeverReadsProjects()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", WithShop);

        await h.UpAsync();

        Assert.DoesNotContain(h.Handler.Sent, r => r.PathAndQuery.StartsWith("/v2/projects", StringComparison.Ordinal));
    }
}
