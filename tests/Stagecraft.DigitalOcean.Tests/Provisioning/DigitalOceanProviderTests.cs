using System.Globalization;
using System.Text.Json;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

public sealed class DigitalOceanProviderTests
{
    private const string TwoHosts = """
        app-1: { role: app }
        web-1: { role: web }
        """;

    private static readonly string[] Markers = ["stagecraft", "stagecraft-env-staging"];

    [Fact]
    public async Task ApplyAsync_WhenNothingExists_CreatesTaggedDropletsAndWaitsForPublicIp()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup { PublicIpPool = ["198.51.100.10", "198.51.100.11"] });

        var plan = await h.PlanAsync();
        Assert.Equal([PlanAction.Create, PlanAction.Create], plan.Hosts.Select(p => p.Action));
        Assert.Equal(["staging-app-1", "staging-web-1"], plan.Hosts.Select(p => p.ResourceName));
        var result = await h.ApplyAsync(plan);

        Assert.Equal(["app-1", "web-1"], result.Hosts.Select(p => p.Host.Name));
        Assert.All(result.Hosts, p => Assert.Equal(ProvisioningState.Created, p.State));
        Assert.Equal(["198.51.100.10", "198.51.100.11"], result.Hosts.Select(p => p.Host.PublicIp));
        Assert.All(result.Hosts, p => Assert.Equal(Markers, p.Host.Tags));
        Assert.Equal(["app", "web"], result.Hosts.Select(p => p.Host.Role));
        var droplets = h.Server.Droplets;
        Assert.Equal(["staging-app-1", "staging-web-1"], droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(droplets, d => Assert.Equal(("active", "nyc1", "s-2vcpu-4gb", "ubuntu-22-04-x64"), (d.Status, d.Region, d.Size, d.Image)));
        Assert.Equal(droplets.Select(d => d.Id.ToString(CultureInfo.InvariantCulture)).Order(), result.Hosts.Select(p => p.Host.Id).Order());

        var create = Assert.Single(h.Sent("POST", "/v2/droplets"));
        using var body = JsonDocument.Parse(create.Body!);
        Assert.Equal(
            """{"names":["staging-app-1","staging-web-1"],"region":"nyc1","size":"s-2vcpu-4gb","image":"ubuntu-22-04-x64","ssh_keys":[512190],"tags":["stagecraft","stagecraft-env-staging"]}""",
            create.Body);
        Assert.All(h.Handler.Sent, r => Assert.Equal("Bearer", r.AuthorizationScheme));
    }

    [Fact]
    public async Task ApplyAsync_WhenRunTwice_SecondRunCreatesNothing()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts);
        await h.UpAsync();
        h.Configure(TwoHosts);
        var before = h.Handler.Sent.Count;

        var plan = await h.PlanAsync();
        var result = await h.ApplyAsync(plan);

        Assert.All(plan.Hosts, p => Assert.Equal(PlanAction.Unchanged, p.Action));
        Assert.All(result.Hosts, p => Assert.Equal(ProvisioningState.Unchanged, p.State));
        Assert.All(result.Hosts, p => Assert.NotNull(p.Host.PublicIp));
        Assert.Equal(2, h.Server.Droplets.Count);
        Assert.Equal(["GET /v2/droplets?tag_name=stagecraft-env-staging&per_page=200"], h.Handler.Sent.Skip(before).Select(r => $"{r.Method} {r.PathAndQuery}"));
    }

    [Fact]
    public async Task ApplyAsync_WhenTwelveHosts_CreatesInTwoBatchesOfAtMostTen()
    {
        var hosts = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"app-{i:00}: {{ role: app }}"));
        await using var h = await ProviderHarness.StartAsync(hosts);

        var result = await h.UpAsync();

        Assert.Equal(12, result.Hosts.Count);
        Assert.Equal(12, h.Server.Droplets.Count);
        var posts = h.Sent("POST", "/v2/droplets");
        Assert.Equal(2, posts.Count);
        // Batches go out concurrently: their order on the wire is not fixed, their content is.
        var batches = posts.Select(p => JsonDocument.Parse(p.Body!).RootElement.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList())
            .OrderBy(b => b[0], StringComparer.Ordinal)
            .ToList();
        Assert.Equal([10, 2], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"staging-app-{i:00}"), batches.SelectMany(b => b));
    }

    [Fact]
    public async Task ApplyAsync_WhenHostsDifferInSize_BatchesPerSize()
    {
        await using var h = await ProviderHarness.StartAsync("""
            app-1: { role: app }
            db-1: { role: db, size: s-4vcpu-8gb }
            """);

        await h.UpAsync();

        Assert.Equal(2, h.Sent("POST", "/v2/droplets").Count);
        Assert.Equal("s-4vcpu-8gb", h.Server.Droplets.Single(d => d.Name == "staging-db-1").Size);
    }

    [Fact]
    public async Task PlanAsync_WhenListSpansPages_FollowsNextLinksAndReportsUnmanaged()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup { MaxPageSize = 2 });
        var app = h.Server.SeedDroplet("staging-app-1", Markers);
        var web = h.Server.SeedDroplet("staging-web-1", Markers);
        var old2 = h.Server.SeedDroplet("staging-old-2", Markers);
        var old1 = h.Server.SeedDroplet("staging-old-1", Markers);
        var old3 = h.Server.SeedDroplet("staging-old-3", Markers);
        h.Server.SeedDroplet("prod-app-1", ["stagecraft", "stagecraft-env-prod"]);

        var plan = await h.PlanAsync();

        Assert.Equal([PlanAction.Unchanged, PlanAction.Unchanged], plan.Hosts.Select(p => p.Action));
        Assert.Equal([Id(app.Id), Id(web.Id)], plan.Hosts.Select(p => p.Existing!.Id));
        Assert.Equal(
            [
                new UnmanagedResource(Id(old1.Id), "staging-old-1") { PublicIp = old1.PublicIp, Tags = Markers },
                new UnmanagedResource(Id(old2.Id), "staging-old-2") { PublicIp = old2.PublicIp, Tags = Markers },
                new UnmanagedResource(Id(old3.Id), "staging-old-3") { PublicIp = old3.PublicIp, Tags = Markers },
            ],
            plan.Unmanaged);
        Assert.Equal(
            [
                "/v2/droplets?per_page=200&tag_name=stagecraft-env-staging",
                "/v2/droplets?page=2&per_page=2&tag_name=stagecraft-env-staging",
                "/v2/droplets?page=3&per_page=2&tag_name=stagecraft-env-staging",
            ],
            h.Handler.Sent.Select(r => r.PathAndQuery).Select(Normalize));
    }

    [Fact]
    public async Task ApplyAsync_WhenUnmanagedDropletTagged_NeverTouchesIt()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts);
        var stray = h.Server.SeedDroplet("staging-old-1", Markers, status: "off");

        var plan = await h.PlanAsync();
        await h.ApplyAsync(plan);

        Assert.Equal([new UnmanagedResource(Id(stray.Id), "staging-old-1") { PublicIp = stray.PublicIp, Tags = Markers }], plan.Unmanaged);
        Assert.DoesNotContain(h.Handler.Sent, r => r.PathAndQuery.Contains(Id(stray.Id), StringComparison.Ordinal));
        Assert.Equal("off", h.Server.Droplets.Single(d => d.Id == stray.Id).Status);
    }

    [Fact]
    public async Task ApplyAsync_WhenRateLimited_HonoursRetryAfterAndSucceeds()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup { Fail429EveryNthRequest = 3 });

        var result = await h.UpAsync();

        Assert.Equal(2, result.Hosts.Count);
        Assert.Equal(2, h.Server.Droplets.Count);
        Assert.Contains(h.Server.Requests, r => r.StatusCode == 429);
        Assert.Contains(h.Diagnostics.Messages, m => m.StartsWith("digitalocean: retrying GET /v2/droplets in 1s after HTTP 429", StringComparison.Ordinal));
        h.AssertTokenAbsent();
    }

    [Fact]
    public async Task ApplyAsync_WhenServerErrorsInjected_RetriesReadsAndNeverResendsTheCreate()
    {
        var hosts = string.Join("\n", Enumerable.Range(1, 4).Select(i => $"app-{i}: {{ role: app }}"));
        await using var h = await ProviderHarness.StartAsync(hosts, new EmulatorSetup { ServerErrorRate = 0.3, Seed = 7, ListLag = TimeSpan.FromSeconds(5) }, createTimeout: "2m");

        // With this seed the create itself gets an injected 500 before taking effect: its outcome is unknown to the
        // client, so it is never sent again; the look-ups (retried reads) find nothing until create_timeout.
        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.UpAsync());

        Assert.Contains(h.Server.Requests, r => r.StatusCode == 500 && r.Method == "GET");
        Assert.Single(h.Sent("POST", "/v2/droplets"));
        Assert.Empty(h.Server.Droplets);
        Assert.Equal("digitalocean provider: staging-app-1, staging-app-2, staging-app-3, staging-app-4: create outcome unknown; re-run to adopt or create it", ex.Message);
    }

    [Fact]
    public async Task ApplyAsync_WhenCreateResponseLost_AdoptsTheDropletInsteadOfCreatingTwice()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup
        {
            LoseCreateResponseFor = new HashSet<string>(StringComparer.Ordinal) { "staging-app-1" },
            ListLag = TimeSpan.FromSeconds(8),
        });

        var result = await h.UpAsync();

        Assert.Equal(["staging-app-1", "staging-web-1"], h.Server.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Single(h.Sent("POST", "/v2/droplets"));
        Assert.Equal(500, h.Server.Requests.Single(r => r.Method == "POST" && r.PathAndQuery == "/v2/droplets").StatusCode);
        Assert.Contains(h.Diagnostics.Messages, m => m.StartsWith("digitalocean: create outcome unknown (digitalocean provider: POST /v2/droplets failed: HTTP 500 server_error", StringComparison.Ordinal));
        Assert.All(result.Hosts, p => Assert.Equal(ProvisioningState.Created, p.State));
        Assert.All(result.Hosts, p => Assert.NotNull(p.Host.PublicIp));
    }

    [Fact]
    public async Task CreateAsync_WhenResponseLostAndListLagsPastThirtySeconds_DoesNotCreateTwice()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", new EmulatorSetup
        {
            LoseCreateResponseFor = new HashSet<string>(StringComparer.Ordinal) { "staging-app-1" },
            ListLag = TimeSpan.FromSeconds(90),
        });

        var result = await h.UpAsync();

        Assert.Equal(["staging-app-1"], h.Server.Droplets.Select(d => d.Name));
        Assert.Single(h.Server.Requests, r => r.Method == "POST" && r.PathAndQuery == "/v2/droplets");
        var host = Assert.Single(result.Hosts);
        Assert.Equal(ProvisioningState.Created, host.State);
        Assert.NotNull(host.Host.PublicIp);
    }

    [Fact]
    public async Task ApplyAsync_WhenListLagsBehindCreate_ReadsPendingDropletsById()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup { BootDelay = TimeSpan.FromSeconds(2), ListLag = TimeSpan.FromSeconds(30) });

        var result = await h.UpAsync();

        Assert.All(result.Hosts, p => Assert.NotNull(p.Host.PublicIp));
        foreach (var droplet in h.Server.Droplets)
        {
            Assert.Contains(h.Handler.Sent, r => r.Method == "GET" && r.PathAndQuery == $"/v2/droplets/{Id(droplet.Id)}");
        }
    }

    [Fact]
    public async Task PlanAsync_WhenDuplicateNamesAreTagged_MessageNamesBothIds()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        var first = h.Server.SeedDroplet("staging-app-1", Markers);
        var second = h.Server.SeedDroplet("staging-app-1", Markers);

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.PlanAsync());

        Assert.Equal(
            $"digitalocean provider: 2 droplets are named staging-app-1 (ids {Id(first.Id)}, {Id(second.Id)}); stagecraft will not choose between them. Delete or rename the extra droplet and run again",
            ex.Message);
    }

    [Fact]
    public async Task PlanAsync_WhenDuplicateNamesAreUntagged_MessageNamesBothIds()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        var first = h.Server.SeedDroplet("staging-app-1", []);
        var second = h.Server.SeedDroplet("staging-app-1", ["web"]);

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.PlanAsync());

        Assert.Equal(
            $"digitalocean provider: 2 droplets are named staging-app-1 (ids {Id(first.Id)}, {Id(second.Id)}); stagecraft will not choose between them. Delete or rename the extra droplet and run again",
            ex.Message);
    }

    [Fact]
    public async Task ApplyAsync_WhenDropletExistsByNameWithoutTags_AdoptsAndTagsIt()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app, tags: [web] }");
        var seeded = h.Server.SeedDroplet("staging-app-1", ["web"]);

        var plan = await h.PlanAsync();
        var planned = Assert.Single(plan.Hosts);
        Assert.Equal(PlanAction.Reconcile, planned.Action);
        Assert.Equal([new AddTag("stagecraft"), new AddTag("stagecraft-env-staging")], planned.Changes);
        Assert.Contains(h.Handler.Sent, r => r.PathAndQuery == "/v2/droplets?name=staging-app-1&per_page=200");
        Assert.DoesNotContain(h.Handler.Sent, r => r.PathAndQuery.Contains("tag_name=", StringComparison.Ordinal) && r.PathAndQuery.Contains("name=staging", StringComparison.Ordinal) && r.PathAndQuery.Contains("&name=", StringComparison.Ordinal));

        var result = await h.ApplyAsync(plan);

        var host = Assert.Single(result.Hosts);
        Assert.Equal(ProvisioningState.Reconciled, host.State);
        Assert.Equal([new AddTag("stagecraft"), new AddTag("stagecraft-env-staging")], host.Changes);
        Assert.Equal(["stagecraft", "stagecraft-env-staging", "web"], host.Host.Tags);
        Assert.Equal(["stagecraft", "stagecraft-env-staging", "web"], h.Server.Droplets.Single().Tags.Order(StringComparer.Ordinal));
        Assert.Empty(h.Sent("POST", "/v2/droplets"));
        var tagCalls = h.Sent("POST", "/v2/tags/stagecraft/resources");
        var tagCall = tagCalls[^1];
        Assert.Equal($$"""{"resources":[{"resource_id":"{{Id(seeded.Id)}}","resource_type":"droplet"}]}""", tagCall.Body);

        // The tags did not exist yet: 404, create the tag, tag again.
        Assert.Equal(
            [
                "POST /v2/tags/stagecraft/resources 404",
                "POST /v2/tags 201",
                "POST /v2/tags/stagecraft/resources 204",
                "POST /v2/tags/stagecraft-env-staging/resources 404",
                "POST /v2/tags 201",
                "POST /v2/tags/stagecraft-env-staging/resources 204",
            ],
            h.Server.Requests.Where(r => r.PathAndQuery.StartsWith("/v2/tags", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.PathAndQuery} {r.StatusCode}"));
    }

    [Fact]
    public async Task ApplyAsync_WhenDropletOff_PowersItOnAndWaits()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        var seeded = h.Server.SeedDroplet("staging-app-1", Markers, status: "off");

        var plan = await h.PlanAsync();
        Assert.Equal([new PowerOn()], Assert.Single(plan.Hosts).Changes);
        var result = await h.ApplyAsync(plan);

        var host = Assert.Single(result.Hosts);
        Assert.Equal(ProvisioningState.Reconciled, host.State);
        Assert.Equal([new PowerOn()], host.Changes);
        Assert.NotNull(host.Host.PublicIp);
        Assert.Equal("active", h.Server.Droplets.Single().Status);
        var action = Assert.Single(h.Sent("POST", $"/v2/droplets/{Id(seeded.Id)}/actions"));
        Assert.Equal("""{"type":"power_on"}""", action.Body);
        Assert.Contains(h.Handler.Sent, r => r.Method == "GET" && r.PathAndQuery.StartsWith("/v2/actions/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_WhenDropletAlreadyOnByApplyTime_TreatsThe422AsDone()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        var seeded = h.Server.SeedDroplet("staging-app-1", Markers, status: "off");
        var plan = await h.PlanAsync();
        h.Server.SetStatus(seeded.Id, "active");

        var result = await h.ApplyAsync(plan);

        Assert.Equal(ProvisioningState.Reconciled, Assert.Single(result.Hosts).State);
        Assert.Contains(h.Server.Requests, r => r.Method == "POST" && r.StatusCode == 422);
        Assert.Equal("active", h.Server.Droplets.Single().Status);
    }

    [Fact]
    public async Task ApplyAsync_WhenSizeDrifted_ReportsAndChangesNothing()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        h.Server.SeedDroplet("staging-app-1", Markers, region: "nyc3", size: "s-1vcpu-1gb");

        var plan = await h.PlanAsync();
        var planned = Assert.Single(plan.Hosts);
        Assert.Equal(PlanAction.Drift, planned.Action);
        Assert.Equal([new Drift("size", "s-2vcpu-4gb", "s-1vcpu-1gb"), new Drift("region", "nyc1", "nyc3")], planned.Changes);
        var sentBefore = h.Handler.Sent.Count;
        var result = await h.ApplyAsync(plan);

        var host = Assert.Single(result.Hosts);
        Assert.Equal(ProvisioningState.Drifted, host.State);
        Assert.Equal(planned.Changes, host.Changes);
        Assert.NotNull(host.Host.PublicIp);
        Assert.Equal(sentBefore, h.Handler.Sent.Count);
        Assert.Equal(("s-1vcpu-1gb", "nyc3"), (h.Server.Droplets.Single().Size, h.Server.Droplets.Single().Region));
    }

    [Fact]
    public async Task ApplyAsync_WhenDriftedDropletIsOffAndUntagged_ReportsTheDriftAndStillTagsAndPowersItOn()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        var seeded = h.Server.SeedDroplet("staging-app-1", ["stagecraft-env-staging"], region: "nyc1", size: "s-1vcpu-1gb", status: "off");

        var plan = await h.PlanAsync();
        var planned = Assert.Single(plan.Hosts);
        Assert.Equal(PlanAction.Drift, planned.Action);
        Assert.Equal([new Drift("size", "s-2vcpu-4gb", "s-1vcpu-1gb"), new AddTag("stagecraft"), new PowerOn()], planned.Changes);
        var result = await h.ApplyAsync(plan);

        var host = Assert.Single(result.Hosts);
        Assert.Equal(ProvisioningState.Drifted, host.State);
        Assert.Equal(planned.Changes, host.Changes);
        Assert.NotNull(host.Host.PublicIp);
        var droplet = h.Server.Droplets.Single();
        Assert.Equal(("active", "s-1vcpu-1gb"), (droplet.Status, droplet.Size));
        Assert.Contains("stagecraft", droplet.Tags);
        Assert.Single(h.Sent("POST", $"/v2/droplets/{Id(seeded.Id)}/actions"));
        Assert.DoesNotContain(h.Handler.Sent, r => r.Method == "POST" && r.PathAndQuery == "/v2/droplets");
    }

    [Fact]
    public async Task ApplyAsync_WhenPowerOnAndCreateTogetherOutlastCreateTimeout_TimesOutOnceForTheWholeApply()
    {
        // Each part fits in create_timeout (60 s) on its own, together they do not: the apply has one deadline,
        // not a fresh create_timeout for the power-on and another for the wait for the new droplet.
        await using var h = await ProviderHarness.StartAsync(
            "app-1: { role: app }\napp-2: { role: app }",
            new EmulatorSetup { ActionDelay = TimeSpan.FromSeconds(40), BootDelay = TimeSpan.FromSeconds(40) },
            createTimeout: "60s");
        h.Server.SeedDroplet("staging-app-1", Markers, status: "off");
        var plan = await h.PlanAsync();
        var started = h.Clock.GetUtcNow();

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.ApplyAsync(plan));

        Assert.StartsWith("digitalocean provider: timed out after 1m waiting for droplets to become active", ex.Message, StringComparison.Ordinal);
        Assert.True(h.Clock.GetUtcNow() - started <= TimeSpan.FromSeconds(70), $"the apply ran {h.Clock.GetUtcNow() - started} of fake time");
        Assert.Equal(["app-1", "app-2"], ex.KnownHosts.Select(k => k.Host.Name));
    }

    [Fact]
    public async Task ApplyAsync_Always_UsesThePublicAddressAndSixtyFourBitIds()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", new EmulatorSetup { PublicIpPool = ["203.0.113.77"] });

        var result = await h.UpAsync();

        var host = Assert.Single(result.Hosts).Host;
        var droplet = h.Server.Droplets.Single();
        Assert.NotNull(droplet.PrivateIp);
        Assert.Equal("203.0.113.77", host.PublicIp);
        Assert.True(long.Parse(host.Id, CultureInfo.InvariantCulture) > int.MaxValue);
        Assert.Equal(Id(droplet.Id), host.Id);
    }

    [Fact]
    public async Task ApplyAsync_WhenDropletsNeverBoot_TimesOutNamingThem()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup { BootDelay = TimeSpan.FromHours(2) }, createTimeout: "2m");
        var started = h.Clock.GetUtcNow();

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.UpAsync());

        var ids = h.Server.Droplets.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => Id(d.Id)).ToList();
        Assert.Equal(
            $"digitalocean provider: timed out after 2m waiting for droplets to become active with a public IPv4: staging-app-1 (id {ids[0]}, status new, no public IPv4), staging-web-1 (id {ids[1]}, status new, no public IPv4)",
            ex.Message);
        Assert.Equal(["app-1", "web-1"], ex.KnownHosts.Select(k => k.Host.Name));
        Assert.All(ex.KnownHosts, k => Assert.Equal(ProvisioningState.Created, k.State));
        Assert.Equal(TimeSpan.FromMinutes(2), h.Clock.GetUtcNow() - started);
        h.AssertTokenAbsent(ex.ToString());
    }

    [Fact]
    public async Task ApplyAsync_WhenDropletLimitReached_ThrowsNamingHostsNotCreated()
    {
        var hosts = string.Join("\n", Enumerable.Range(1, 5).Select(i => $"app-{i}: {{ role: app }}"));
        await using var h = await ProviderHarness.StartAsync(hosts, new EmulatorSetup { DropletLimit = 3 });

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.UpAsync());

        Assert.Matches(
            @"^digitalocean provider: POST /v2/droplets failed: HTTP 422 unprocessable_entity \(request id [0-9a-f-]+\): .+; not created: staging-app-1, staging-app-2, staging-app-3, staging-app-4, staging-app-5$",
            ex.Message);
        Assert.Single(h.Sent("POST", "/v2/droplets"));
        Assert.Empty(h.Server.Droplets);
        h.AssertTokenAbsent(ex.ToString());
    }

    [Fact]
    public async Task ApplyAsync_WhenSshKeyMissing_ThrowsNamingTheKey()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }", new EmulatorSetup { SshKeys = [new EmulatorSshKey(1, "other", "aa:bb", "ssh-ed25519 AAAA other")] });

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.UpAsync());

        Assert.Equal("digitalocean provider: SSH key 'deploy-key' not found in the account; add it or fix ssh_key_name", ex.Message);
        Assert.Empty(h.Server.Droplets);
    }

    [Fact]
    public async Task PlanAsync_WhenTokenRejected_ReportsStatusWithoutTheToken()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }");
        var wrong = $"dop_v1_{Guid.NewGuid():N}";
        h.Configure("app-1: { role: app }", tokenOverride: wrong);

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.PlanAsync());

        Assert.Matches(@"^digitalocean provider: GET /v2/droplets failed: HTTP 401 unauthorized \(request id [0-9a-f-]+\): Unable to authenticate you\.$", ex.Message);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
        Assert.All(h.Diagnostics.Messages, m => Assert.DoesNotContain(wrong, m, StringComparison.Ordinal));
        Assert.Contains(h.Diagnostics.Messages, m => m.Contains("authorization [redacted]", StringComparison.Ordinal) || m.Contains("-> 401", StringComparison.Ordinal));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Query parameters sorted, so the assertion does not depend on the emulator's link order.</summary>
    private static string Normalize(string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        return parts.Length == 1 ? pathAndQuery : $"{parts[0]}?{string.Join("&", parts[1].Split('&').Order(StringComparer.Ordinal))}";
    }
}
