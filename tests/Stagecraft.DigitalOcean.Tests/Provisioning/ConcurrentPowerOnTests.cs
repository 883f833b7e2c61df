using System.Globalization;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Provisioning;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>Power-ons in flight together, against the emulator over HTTP; concurrency is proven by the power-on gate, never by timing.</summary>
public sealed class ConcurrentPowerOnTests
{
    private static readonly string[] Markers = ["stagecraft", "stagecraft-env-staging"];

    [Fact]
    public async Task ApplyAsync_WhenTwelveDropletsAreOff_PowersTenOnAtOnceAndWaitsForAll()
    {
        await using var h = await ProviderHarness.StartAsync(string.Join("\n", Enumerable.Range(1, 12).Select(i => $"app-{i:00}: {{ role: app }}")));
        var seeded = Enumerable.Range(1, 12).Select(i => h.Server.SeedDroplet($"staging-app-{i:00}", Markers, status: "off")).ToList();
        h.PowerOns.HoldUntil = DropletReconciler.MaxConcurrentPowerOns;

        var result = await h.UpAsync();

        // Ten held at once: more than one in flight (not one after another) and never more than the bound.
        Assert.Equal(10, h.PowerOns.MaxInFlight);
        Assert.Equal(
            seeded.Select(d => $"/v2/droplets/{Id(d.Id)}/actions").Order(StringComparer.Ordinal),
            h.Sent("POST", "/v2/droplets/").Select(r => r.PathAndQuery).Order(StringComparer.Ordinal));
        Assert.All(h.Sent("POST", "/v2/droplets/"), r => Assert.Equal("""{"type":"power_on"}""", r.Body));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"app-{i:00}"), result.Hosts.Select(p => p.Host.Name));
        Assert.All(result.Hosts, p => Assert.Equal(ProvisioningState.Reconciled, p.State));
        Assert.All(result.Hosts, p => Assert.Equal([new PowerOn()], p.Changes));
        Assert.All(result.Hosts, p => Assert.NotNull(p.Host.PublicIp));
        Assert.All(h.Server.Droplets, d => Assert.Equal("active", d.Status));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
