using System.Globalization;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>
/// The provider's deletion for <c>infra down</c> against the emulator: by id only, 404 counts as gone, one wait until
/// each is gone within delete_timeout, per-droplet failures as results, a refused token as the provider's failure.
/// </summary>
public sealed class DropletDeleteTests
{
    private const string TwoHosts = """
        app-1: { role: app }
        web-1: { role: web }
        """;

    private static readonly string[] Markers = ["stagecraft", "stagecraft-env-staging"];

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<Host>> TargetsAsync(ProviderHarness h) =>
        [.. (await h.PlanAsync()).Hosts.Where(p => p.Existing is not null).Select(p => p.Existing!)];

    [Fact]
    public async Task DeletesEachDropletById_NeverByTag_AndWaitsUntilEachAnswers404()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup { DeleteLag = TimeSpan.FromSeconds(20) });
        var app = h.Server.SeedDroplet("staging-app-1", Markers);
        var web = h.Server.SeedDroplet("staging-web-1", Markers);
        var other = h.Server.SeedDroplet("prod-app-1", ["stagecraft", "stagecraft-env-prod"]);
        var targets = await TargetsAsync(h);

        var results = await h.DeleteAsync(targets);

        Assert.Equal([CloudDeleteResult.Gone(Id(app.Id)), CloudDeleteResult.Gone(Id(web.Id))], results);
        Assert.Equal([$"/v2/droplets/{Id(app.Id)}", $"/v2/droplets/{Id(web.Id)}"], h.Sent("DELETE", "/v2/").Select(r => r.PathAndQuery).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(h.Handler.Sent, r => r.Method == "DELETE" && r.PathAndQuery.Contains("tag_name", StringComparison.Ordinal));
        Assert.Contains(h.Sent("GET", $"/v2/droplets/{Id(app.Id)}"), r => r.PathAndQuery == $"/v2/droplets/{Id(app.Id)}");
        Assert.Equal([other.Id], h.Server.Droplets.Select(d => d.Id));
    }

    [Fact]
    public async Task ADropletAlreadyGone_CountsAsDeleted()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts);
        h.Server.SeedDroplet("staging-app-1", Markers);
        var targets = await TargetsAsync(h);
        var app = targets.Single(t => t.Name == "app-1");
        await h.DeleteAsync([app]);

        var again = await h.DeleteAsync([app]);

        Assert.Equal([CloudDeleteResult.Gone(app.Id)], again);
    }

    [Fact]
    public async Task StillThereAtTheDeadline_IsThatDropletsFailure()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts, new EmulatorSetup { DeleteLag = TimeSpan.FromMinutes(10) });
        h.ConfigureWith(TwoHosts, "delete_timeout: 30s");
        h.Server.SeedDroplet("staging-app-1", Markers);
        var targets = await TargetsAsync(h);

        var results = await h.DeleteAsync(targets);

        var result = Assert.Single(results);
        Assert.False(result.Deleted);
        Assert.Equal("still exists 30s after its deletion (delete_timeout); run stagecraft infra down again", result.Message);
    }

    [Fact]
    public async Task ADeleteThatKeepsFailing_IsThatDropletsFailure_TheOthersAreDeleted()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts);
        var app = h.Server.SeedDroplet("staging-app-1", Markers);
        var web = h.Server.SeedDroplet("staging-web-1", Markers);
        var targets = await TargetsAsync(h);
        h.Server.Faults.Add(new EndpointFault("DELETE", $"/v2/droplets/{Id(app.Id)}", EndpointFaultKind.ServerError, Count: 1000));

        var results = await h.DeleteAsync(targets);

        Assert.False(results[0].Deleted);
        Assert.StartsWith("delete failed: ", results[0].Message, StringComparison.Ordinal);
        Assert.Contains("500", results[0].Message, StringComparison.Ordinal);
        Assert.Equal(CloudDeleteResult.Gone(Id(web.Id)), results[1]);
        Assert.Equal([app.Id], h.Server.Droplets.Select(d => d.Id));
    }

    [Fact]
    public async Task ARefusedToken_FailsTheWholeDeletion()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts);
        h.Server.SeedDroplet("staging-app-1", Markers);
        var targets = await TargetsAsync(h);
        h.Configure(TwoHosts, tokenOverride: "dop_v1_" + new string('0', 64));

        var failure = await Assert.ThrowsAsync<CloudProviderException>(() => h.DeleteAsync(targets));

        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Droplets);
    }

    [Fact]
    public async Task Verbose_NamesEachDeletionInTargetOrder()
    {
        await using var h = await ProviderHarness.StartAsync(TwoHosts);
        var app = h.Server.SeedDroplet("staging-app-1", Markers);
        var web = h.Server.SeedDroplet("staging-web-1", Markers);
        var targets = await TargetsAsync(h);

        await h.DeleteAsync([.. targets.Reverse()]);

        var lines = h.Diagnostics.Messages.Where(m => m.StartsWith("digitalocean: deleting", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"digitalocean: deleting staging-app-1 (id {Id(app.Id)})", $"digitalocean: deleting staging-web-1 (id {Id(web.Id)})"], lines);
    }
}
