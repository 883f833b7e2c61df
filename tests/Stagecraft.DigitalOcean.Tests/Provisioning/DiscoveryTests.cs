using System.Globalization;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>How the plan finds hosts the environment tag list did not show: one full list on a small account, name lookups otherwise.</summary>
public sealed class DiscoveryTests
{
    private const string TagList = "GET /v2/droplets?tag_name=stagecraft-env-staging&per_page=200";
    private const string FullList = "GET /v2/droplets?per_page=200";

    [Fact]
    public async Task PlanAsync_WhenFiftyHostsAreMissingOnASmallAccount_ListsOnceWithoutNameLookups()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(50));
        h.Server.SeedDroplet("prod-app-1", ["stagecraft", "stagecraft-env-prod"]);
        h.Server.SeedDroplet("mail", []);

        var plan = await h.PlanAsync();

        Assert.Equal(50, plan.Hosts.Count);
        Assert.All(plan.Hosts, p => Assert.Equal(PlanAction.Create, p.Action));
        Assert.Equal([TagList, FullList], Requests(h));
        Assert.Contains("digitalocean: 50 hosts not found by tag; matching them against the whole droplet list (1 page)", h.Diagnostics.Messages);
    }

    [Fact]
    public async Task PlanAsync_WhenOneHostIsMissing_LooksItUpByName()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(3));
        h.Server.SeedDroplet("staging-app-01", ["stagecraft", "stagecraft-env-staging"]);
        h.Server.SeedDroplet("staging-app-02", ["stagecraft", "stagecraft-env-staging"]);

        await h.PlanAsync();

        Assert.Equal([TagList, "GET /v2/droplets?name=staging-app-03&per_page=200"], Requests(h));
    }

    [Fact]
    public async Task PlanAsync_WhenTheAccountHasMorePagesThanMissingHosts_FallsBackToNameLookups()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(3), new EmulatorSetup { MaxPageSize = 2 });
        for (var i = 1; i <= 10; i++)
        {
            h.Server.SeedDroplet($"other-{i:00}", []);
        }

        var untagged = h.Server.SeedDroplet("staging-app-02", []);

        var plan = await h.PlanAsync();

        Assert.Equal([PlanAction.Create, PlanAction.Reconcile, PlanAction.Create], plan.Hosts.Select(p => p.Action));
        Assert.Equal(Id(untagged.Id), plan.Hosts[1].Existing!.Id);
        Assert.Equal(
            Sorted(
            [
                TagList,
                FullList,
                "GET /v2/droplets?name=staging-app-01&per_page=200",
                "GET /v2/droplets?name=staging-app-02&per_page=200",
                "GET /v2/droplets?name=staging-app-03&per_page=200",
            ]),
            Sorted(Requests(h)));
        Assert.Contains("digitalocean: 3 hosts not found by tag; the account lists 11 droplets over 6 pages, so looking them up by name", h.Diagnostics.Messages);
    }

    [Fact]
    public async Task PlanAsync_WhenThePagesLeftAreNoMoreThanMissingHosts_PagesTheWholeListAndAdoptsFromTheLastPage()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(3), new EmulatorSetup { MaxPageSize = 2 });
        for (var i = 1; i <= 4; i++)
        {
            h.Server.SeedDroplet($"other-{i:00}", []);
        }

        var untagged = h.Server.SeedDroplet("staging-app-03", []);

        var plan = await h.PlanAsync();

        Assert.Equal([PlanAction.Create, PlanAction.Create, PlanAction.Reconcile], plan.Hosts.Select(p => p.Action));
        Assert.Equal(Id(untagged.Id), plan.Hosts[2].Existing!.Id);
        Assert.Equal([new AddTag("stagecraft"), new AddTag("stagecraft-env-staging")], plan.Hosts[2].Changes);
        Assert.Equal(
            [TagList, FullList, "GET /v2/droplets?page=2&per_page=2", "GET /v2/droplets?page=3&per_page=2"],
            Requests(h));
    }

    [Fact]
    public async Task ApplyAsync_WhenAnUntaggedDropletHasADeclaredName_AdoptsItFromTheFullListAndCreatesOnlyTheOther()
    {
        await using var h = await ProviderHarness.StartAsync("""
            app-1: { role: app, tags: [web] }
            web-1: { role: web }
            """);
        var seeded = h.Server.SeedDroplet("STAGING-APP-1", ["web"]);

        var plan = await h.PlanAsync();
        Assert.Equal([TagList, FullList], Requests(h));
        Assert.Equal([PlanAction.Reconcile, PlanAction.Create], plan.Hosts.Select(p => p.Action));
        var result = await h.ApplyAsync(plan);

        Assert.Equal([ProvisioningState.Reconciled, ProvisioningState.Created], result.Hosts.Select(p => p.State));
        Assert.Equal(Id(seeded.Id), result.Hosts[0].Host.Id);
        Assert.Equal(["STAGING-APP-1", "staging-web-1"], h.Server.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal("""{"names":["staging-web-1"],"region":"nyc1","size":"s-2vcpu-4gb","image":"ubuntu-22-04-x64","ssh_keys":[512190],"tags":["stagecraft","stagecraft-env-staging"]}""",
            Assert.Single(h.Sent("POST", "/v2/droplets"), r => r.PathAndQuery == "/v2/droplets").Body);
    }

    [Fact]
    public async Task PlanAsync_WhenTwoDropletsShareADeclaredNameAcrossPages_RefusesNamingBoth()
    {
        await using var h = await ProviderHarness.StartAsync("""
            app-1: { role: app }
            web-1: { role: web }
            """, new EmulatorSetup { MaxPageSize = 2 });
        var first = h.Server.SeedDroplet("staging-app-1", []);
        h.Server.SeedDroplet("other-1", []);
        h.Server.SeedDroplet("other-2", []);
        var second = h.Server.SeedDroplet("Staging-App-1", ["web"]);

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.PlanAsync());

        Assert.Equal(
            $"digitalocean provider: 2 droplets are named staging-app-1 (ids {Id(first.Id)}, {Id(second.Id)}); stagecraft will not choose between them. Delete or rename the extra droplet and run again",
            ex.Message);
        Assert.Equal([TagList, FullList, "GET /v2/droplets?page=2&per_page=2"], Requests(h));
        Assert.Empty(h.Sent("POST", "/v2/droplets"));
    }

    [Fact]
    public async Task PlanAsync_WhenTheSameStateIsPlannedTwice_SendsTheSameRequestsAndPlansTheSame()
    {
        const string hosts = """
            app-1: { role: app }
            app-2: { role: app }
            app-3: { role: app }
            web-1: { role: web }
            """;
        await using var h = await ProviderHarness.StartAsync(hosts, new EmulatorSetup { MaxPageSize = 2 });
        for (var i = 1; i <= 12; i++)
        {
            h.Server.SeedDroplet($"other-{i:00}", []);
        }

        h.Server.SeedDroplet("staging-app-2", []);
        h.Server.SeedDroplet("staging-web-1", ["stagecraft", "stagecraft-env-staging"], size: "s-1vcpu-1gb");

        var firstPlan = await h.PlanAsync();
        var firstRequests = Sorted(Requests(h));
        h.Configure(hosts);
        var before = h.Handler.Sent.Count;
        var secondPlan = await h.PlanAsync();
        var secondRequests = Sorted(Requests(h).Skip(before));

        Assert.Equal(firstRequests, secondRequests);
        Assert.Equal(Describe(firstPlan), Describe(secondPlan));
        Assert.Equal(
            ["app-1 Create -", "app-2 Reconcile add tag stagecraft;add tag stagecraft-env-staging", "app-3 Create -", "web-1 Drift size: expected s-2vcpu-4gb, actual s-1vcpu-1gb"],
            Describe(firstPlan).Select(Strip));
    }

    [Fact]
    public async Task PlanAsync_WhenAGpuHostIsMissing_AlsoListsGpuDroplets()
    {
        await using var h = await ProviderHarness.StartAsync("""
            app-1: { role: app }
            ml-1: { role: ml, size: gpu-h100x1-80gb }
            """);
        var gpu = h.Server.SeedDroplet("staging-ml-1", [], size: "gpu-h100x1-80gb");

        var plan = await h.PlanAsync();

        Assert.Equal([PlanAction.Create, PlanAction.Reconcile], plan.Hosts.Select(p => p.Action));
        Assert.Equal(Id(gpu.Id), plan.Hosts[1].Existing!.Id);
        Assert.Equal([TagList, FullList, "GET /v2/droplets?type=gpus&per_page=200"], Requests(h));
    }

    [Fact]
    public async Task PlanAsync_WhenTheOnlyMissingHostIsAGpuHost_LooksItUpWithAndWithoutTypeGpus()
    {
        await using var h = await ProviderHarness.StartAsync("ml-1: { role: ml, size: gpu-h100x1-80gb }");
        var gpu = h.Server.SeedDroplet("staging-ml-1", [], size: "gpu-h100x1-80gb");

        var plan = await h.PlanAsync();

        Assert.Equal(Id(gpu.Id), Assert.Single(plan.Hosts).Existing!.Id);
        Assert.Equal(
            Sorted([TagList, "GET /v2/droplets?name=staging-ml-1&per_page=200", "GET /v2/droplets?name=staging-ml-1&type=gpus&per_page=200"]),
            Sorted(Requests(h)));
    }

    private static string Hosts(int count) =>
        string.Join("\n", Enumerable.Range(1, count).Select(i => $"app-{i:00}: {{ role: app }}"));

    private static List<string> Requests(ProviderHarness h) =>
        [.. h.Handler.Sent.Select(r => $"{r.Method} {Normalize(r.PathAndQuery)}")];

    private static List<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    private static List<string> Describe(CloudPlan plan) =>
        [.. plan.Hosts.Select(p => $"{p.Spec.Name} {p.Action} {(p.Changes.Count == 0 ? "-" : string.Join(";", p.Changes.Select(c => c switch { AddTag a => $"add tag {a.Tag}", PowerOn => "power on", Drift d => $"{d.Field}: expected {d.Expected}, actual {d.Actual}", _ => c.ToString() })))} {p.Existing?.Id ?? "-"}")];

    private static string Strip(string described) => described[..described.LastIndexOf(' ')];

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Query parameters sorted except per_page last, so the emulator's link order does not matter.</summary>
    private static string Normalize(string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        if (parts.Length == 1)
        {
            return pathAndQuery;
        }

        var query = parts[1].Split('&').OrderBy(p => p.StartsWith("per_page=", StringComparison.Ordinal)).ThenBy(p => p, StringComparer.Ordinal);
        return $"{parts[0]}?{string.Join("&", query)}";
    }
}
