using System.Text.Json;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Provisioning;
using Stagecraft.DigitalOcean.Tests.Support;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>Create batches in flight together, against the emulator over HTTP; concurrency is proven by the create gate, never by timing.</summary>
public sealed class ConcurrentCreateTests
{
    [Fact]
    public async Task ApplyAsync_WhenFiftyHosts_SendsFourCreateBatchesAtOnceAndLogsInBatchOrder()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(50));
        h.Gate.HoldUntil = DropletCreator.CreateBatchParallelism;

        var result = await h.UpAsync();

        Assert.Equal(4, h.Gate.MaxInFlight);
        var batches = Batches(h);
        Assert.Equal([10, 10, 10, 10, 10], batches.Select(b => b.Count));
        Assert.Equal(Names(1, 50), batches.SelectMany(b => b));
        Assert.Equal(Names(1, 50), h.Server.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"app-{i:00}"), result.Hosts.Select(p => p.Host.Name));
        Assert.All(result.Hosts, p => Assert.Equal(ProvisioningState.Created, p.State));
        Assert.All(result.Hosts, p => Assert.NotNull(p.Host.PublicIp));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(b => $"digitalocean: creating {string.Join(", ", Names((b * 10) + 1, (b * 10) + 10))} (nyc1, s-2vcpu-4gb, ubuntu-22-04-x64)"),
            h.Diagnostics.Messages.Where(m => m.StartsWith("digitalocean: creating ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ApplyAsync_WhenOneConcurrentCreateLosesItsResponse_AdoptsThatBatchWithoutDuplicates()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(30), new EmulatorSetup
        {
            LoseCreateResponseFor = new HashSet<string>(StringComparer.Ordinal) { "staging-app-15" },
            ListLag = TimeSpan.FromSeconds(8),
        });
        h.Gate.HoldUntil = 3;

        var result = await h.UpAsync();

        Assert.Equal(3, h.Gate.MaxInFlight);
        Assert.Equal(3, Batches(h).Count);
        Assert.Equal([202, 202, 500], h.Server.Requests.Where(IsCreate).Select(r => r.StatusCode).Order());
        Assert.Equal(Names(1, 30), h.Server.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(result.Hosts, p => Assert.Equal(ProvisioningState.Created, p.State));
        Assert.All(result.Hosts, p => Assert.NotNull(p.Host.PublicIp));
        Assert.Single(h.Diagnostics.Messages, m => m.StartsWith("digitalocean: create outcome unknown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_WhenOneConcurrentCreateFailsBeforeTakingEffect_NeverSendsItAgainAndFailsItsHosts()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(30), new EmulatorSetup
        {
            EndpointFaults = [new EndpointFault("POST", "/v2/droplets", EndpointFaultKind.ServerError)],
        }, createTimeout: "2m");
        h.Gate.HoldUntil = 3;

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.UpAsync());

        var batches = Batches(h);
        Assert.Equal(3, batches.Count);
        Assert.Equal(3, h.Server.Requests.Count(IsCreate));
        Assert.Equal(20, h.Server.Droplets.Count);
        Assert.Matches(@"^digitalocean provider: (staging-app-\d\d, ){9}staging-app-\d\d: create outcome unknown; re-run to adopt or create it$", ex.Message);
        Assert.Equal(20, ex.KnownHosts.Count);
    }

    [Fact]
    public async Task ApplyAsync_WhenOneConcurrentCreateIsRateLimited_RetriesOnlyThatCreate()
    {
        // Plan: tag list (1), full list (2); apply: keys (3), three creates (4-6): the fifth request gets 429.
        await using var h = await ProviderHarness.StartAsync(Hosts(30), new EmulatorSetup { Fail429EveryNthRequest = 5 });
        h.Gate.HoldUntil = 3;

        var result = await h.UpAsync();

        var creates = h.Server.Requests.Where(IsCreate).ToList();
        Assert.Equal([202, 202, 202, 429], creates.Select(r => r.StatusCode).Order());
        var batches = Batches(h);
        Assert.Equal(4, batches.Count);
        Assert.Single(batches.GroupBy(b => string.Join(",", b)), g => g.Count() == 2);
        Assert.Equal(Names(1, 30), h.Server.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(30, result.Hosts.Count);
        Assert.Single(h.Diagnostics.Messages, m => m.StartsWith("digitalocean: retrying POST /v2/droplets in 1s after HTTP 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_WhenTheLimitRejectsEveryCreateInFlight_StartsNoOtherAndNamesEveryHost()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(42), new EmulatorSetup { DropletLimit = 1 });
        h.Gate.HoldUntil = 4;

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.UpAsync());

        Assert.Matches(
            @"^digitalocean provider: POST /v2/droplets failed: HTTP 422 unprocessable_entity \(request id [0-9a-f-]+\): creating this/these droplet\(s\) will exceed your droplet limit; not created: " +
            string.Join(", ", Names(1, 42)) + "$",
            ex.Message);
        Assert.Equal(4, Batches(h).Count);
        Assert.Equal(Names(1, 40), Batches(h).SelectMany(b => b).Order(StringComparer.Ordinal));
        Assert.Empty(h.Server.Droplets);
        Assert.Empty(ex.KnownHosts);
        Assert.Contains("digitalocean: not creating staging-app-41, staging-app-42: another create was rejected", h.Diagnostics.Messages);
        h.AssertTokenAbsent(ex.ToString());
    }

    [Fact]
    public async Task ApplyAsync_WhenTheLimitRejectsSomeCreatesInFlight_TheOthersFinishAndTheErrorNamesTheRest()
    {
        // Batches of 10, 10 and 5 against a limit of 5: whatever the arrival order, only the batch of 5 fits.
        await using var h = await ProviderHarness.StartAsync(Hosts(25), new EmulatorSetup { DropletLimit = 5 });
        h.Gate.HoldUntil = 3;

        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => h.UpAsync());

        Assert.Matches(
            @"^digitalocean provider: POST /v2/droplets failed: HTTP 422 unprocessable_entity \(request id [0-9a-f-]+\): creating this/these droplet\(s\) will exceed your droplet limit; not created: " +
            string.Join(", ", Names(1, 20)) + "$",
            ex.Message);
        Assert.Equal(3, Batches(h).Count);
        Assert.Equal(Names(21, 25), h.Server.Droplets.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(21, 5).Select(i => $"app-{i:00}"), ex.KnownHosts.Select(k => k.Host.Name));
        Assert.All(ex.KnownHosts, k => Assert.Equal(ProvisioningState.Created, k.State));
        // The created droplets were waited for, so the report shows each with its id and public IP (never "ip -").
        Assert.All(ex.KnownHosts, k => Assert.NotNull(k.Host.PublicIp));
        Assert.All(ex.KnownHosts, k => Assert.False(string.IsNullOrEmpty(k.Host.Id)));
    }

    [Fact]
    public async Task ApplyAsync_WhenInterruptedWhileCreatesAreInFlight_StopsWithoutStartingMore()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(50));
        h.Gate.HoldUntil = 51;
        var plan = await h.PlanAsync();
        using var interrupt = new CancellationTokenSource();

        var apply = h.Clock.RunAsync(h.Provider.ApplyAsync(plan, interrupt.Token));
        await h.Gate.WhenSent(DropletCreator.CreateBatchParallelism);
        await interrupt.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
        Assert.Equal(4, Batches(h).Count);
    }

    private static string Hosts(int count) =>
        string.Join("\n", Enumerable.Range(1, count).Select(i => $"app-{i:00}: {{ role: app }}"));

    private static List<string> Names(int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => $"staging-app-{i:00}")];

    private static bool IsCreate(EmulatorRequest request) =>
        request.Method == "POST" && request.PathAndQuery == "/v2/droplets";

    /// <summary>The names of every create the client sent, batches sorted by their first name (the wire order is not fixed).</summary>
    private static List<List<string>> Batches(ProviderHarness h) =>
        [.. h.Handler.Sent
            .Where(r => r.Method == "POST" && r.PathAndQuery == "/v2/droplets")
            .Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList())
            .OrderBy(b => b[0], StringComparer.Ordinal)];

    private sealed class SequenceComparer : IEqualityComparer<List<string>>
    {
        public bool Equals(List<string>? x, List<string>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(List<string> obj) => string.Join(",", obj).GetHashCode(StringComparison.Ordinal);
    }
}
