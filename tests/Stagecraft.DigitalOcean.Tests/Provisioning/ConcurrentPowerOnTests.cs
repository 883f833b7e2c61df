using System.Globalization;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Provisioning;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

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

    [Fact]
    public async Task ApplyAsync_WhenOnePowerOnFails_TheOthersAreWaitedForAndOnlyThatHostFails()
    {
        await using var h = await ProviderHarness.StartAsync("app-1: { role: app }\napp-2: { role: app }\napp-3: { role: app }\nweb-1: { role: web }");
        h.Server.SeedDroplet("staging-app-1", Markers, status: "off");
        var failing = h.Server.SeedDroplet("staging-app-2", Markers, status: "off");
        h.Server.SeedDroplet("staging-app-3", Markers, status: "off");
        h.Server.Faults.Add(new EndpointFault("POST", $"/v2/droplets/{Id(failing.Id)}/actions", EndpointFaultKind.ServerError, Count: 1000));
        var plan = await h.PlanAsync();

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.ApplyAsync(plan));

        Assert.StartsWith("digitalocean provider: could not power on 1 droplet (staging-app-2); nothing was created", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("power on failed: ", Assert.Single(ex.HostFailures, f => f.Key == "app-2").Value, StringComparison.Ordinal);
        Assert.Single(ex.HostFailures);

        // The two that were powered on are reported with their IP; the failed one is not reported as reconciled.
        Assert.Equal(["app-1", "app-3"], ex.KnownHosts.Select(k => k.Host.Name));
        Assert.All(ex.KnownHosts, k => Assert.Equal((ProvisioningState.Reconciled, "active"), (k.State, k.Host.Status)));
        Assert.All(ex.KnownHosts, k => Assert.NotNull(k.Host.PublicIp));
        Assert.DoesNotContain(h.Sent("POST", "/v2/droplets"), r => r.PathAndQuery == "/v2/droplets");
        Assert.Equal("off", h.Server.Droplets.Single(d => d.Id == failing.Id).Status);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
