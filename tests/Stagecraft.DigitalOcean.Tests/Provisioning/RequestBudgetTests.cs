using System.Text.RegularExpressions;
using Stagecraft.Core.Preflight;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

/// <summary>
/// Pins how many API requests of each class a 50-host environment costs (counts, never times): a first run (plan,
/// preflight, create, wait for active) and a converged re-run (plan only). A change that adds requests per host shows
/// here before it meets DigitalOcean's 250 requests a minute.
/// </summary>
public sealed partial class RequestBudgetTests
{
    private static string Hosts(int count) =>
        string.Join("\n", Enumerable.Range(1, count).Select(i => $"app-{i:00}: {{ role: app }}"));

    [Fact]
    public async Task FiftyHosts_FirstRunAndConvergedReRun_CostAFixedNumberOfRequestsPerClass()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(50));

        var plan = await h.PlanAsync();
        Assert.Empty(await h.PreflightAsync(plan, loginKeys: [], bootstrapping: false));
        await h.ApplyAsync(plan);
        var first = ByClass(h);

        h.Configure(Hosts(50));
        var before = h.Handler.Sent.Count;
        var again = await h.PlanAsync();
        Assert.Empty(await h.PreflightAsync(again, loginKeys: [], bootstrapping: false));
        await h.ApplyAsync(again);
        var rerun = ByClass(h, before);

        Assert.Equal(
            new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                ["GET /v2/account"] = 1,
                ["GET /v2/account/keys"] = 1,
                ["GET /v2/droplets"] = 8, // plan: by tag + one unfiltered list; preflight: the count; the wait: 5 polls
                ["GET /v2/images/{id}"] = 1,
                ["GET /v2/regions"] = 1,
                ["GET /v2/sizes"] = 1,
                ["POST /v2/droplets"] = 5,
            },
            first);
        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { ["GET /v2/droplets"] = 1 }, rerun);
        Assert.Equal(18, first.Values.Sum());
    }

    /// <summary>
    /// 500 hosts with the emulator enforcing the burst (250 per 60 s) and the hourly 5000, and its list lagging 10 s behind
    /// creates (as the real one may): the wait reads at most 10 unlisted droplets by id per look, so no 60 s holds more
    /// than the burst and nothing is refused. Reading every unlisted one cost 566 requests, 252 in one minute and four 429s.
    /// </summary>
    [Fact]
    public async Task FiveHundredHosts_WithListLag_FirstRunAndConvergedReRun_StayInsideBothLimits()
    {
        var hosts = string.Join("\n", Enumerable.Range(1, 500).Select(i => $"app-{i:000}: {{ role: app }}"));
        await using var h = await ProviderHarness.StartAsync(hosts, new EmulatorSetup { ListLag = TimeSpan.FromSeconds(10), BurstLimitPerMinute = 250, HourlyLimit = 5000 });

        var plan = await h.PlanAsync();
        Assert.Empty(await h.PreflightAsync(plan, loginKeys: [], bootstrapping: false));
        var result = await h.ApplyAsync(plan);
        var first = ByClass(h);
        var firstPeak = h.Server.BusiestWindow(TimeSpan.FromMinutes(1));

        h.Configure(hosts);
        var before = h.Handler.Sent.Count;
        var again = await h.PlanAsync();
        Assert.Empty(await h.PreflightAsync(again, loginKeys: [], bootstrapping: false));
        await h.ApplyAsync(again);
        var rerun = ByClass(h, before);

        Assert.Equal(500, result.Hosts.Count(x => x.Host.PublicIp is not null));
        Assert.Equal(
            new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                ["GET /v2/account"] = 1,
                ["GET /v2/account/keys"] = 1,
                ["GET /v2/droplets"] = 14, // plan: by tag + one unfiltered list; preflight: the count; the wait: 11 pages (1 while the list lags, 3 once it shows all 500)
                ["GET /v2/droplets/{id}"] = 20, // two looks while the list lags, 10 unlisted droplets each
                ["GET /v2/images/{id}"] = 1,
                ["GET /v2/regions"] = 1,
                ["GET /v2/sizes"] = 1,
                ["POST /v2/droplets"] = 50,
            },
            first);
        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { ["GET /v2/droplets"] = 3 }, rerun); // 500 by tag = 3 pages of 200
        Assert.DoesNotContain(h.Server.Requests, r => r.StatusCode == 429);
        Assert.Equal(89, first.Values.Sum());
        Assert.InRange(firstPeak, 1, 250);
        var summary = new RecordingDiagnostics();
        h.Summary.WriteTo(summary);
        Assert.Equal(["digitalocean: 3 API requests (0 refused with 429): list droplets by tag 3"], summary.Messages);
    }

    /// <summary>
    /// Another client of the token has used 170 of an hourly quota of 200: after the plan, preflight and creates, 17 are
    /// left, under the polls' 10 % (20). The polls are spread until the reset (capped at 60 s each), the creates are not,
    /// and nothing is refused: 1 look instead of the 5 the wait takes with the quota untouched.
    /// </summary>
    [Fact]
    public async Task FiftyHosts_WhenTheHourlyQuotaRunsLow_PollsBackOffBeforeAnythingIsRefused()
    {
        await using var h = await ProviderHarness.StartAsync(Hosts(50), new EmulatorSetup { HourlyLimit = 200 });
        for (var i = 0; i < 170; i++)
        {
            using var used = await h.SendAsync(HttpMethod.Get, "/v2/regions");
        }

        var plan = await h.PlanAsync();
        Assert.Empty(await h.PreflightAsync(plan, loginKeys: [], bootstrapping: false));
        var result = await h.ApplyAsync(plan);

        Assert.Equal(50, result.Hosts.Count(x => x.Host.PublicIp is not null));
        Assert.Equal(5, h.Sent("POST", "/v2/droplets").Count);
        Assert.Equal(2, h.Sent("GET", "/v2/droplets?tag_name=").Count); // the plan's list + 1 look, 60 s after the first interval
        Assert.DoesNotContain(h.Server.Requests, r => r.StatusCode == 429);
        Assert.Contains(h.Diagnostics.Messages, m => m.StartsWith("digitalocean: rate limit nearly used up; waiting ", StringComparison.Ordinal));
    }

    private static SortedDictionary<string, int> ByClass(ProviderHarness h, int skip = 0) =>
        new(h.Handler.Sent.Skip(skip)
            .GroupBy(r => $"{r.Method} {Class(r.PathAndQuery)}")
            .ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static string Class(string pathAndQuery) => Ids().Replace(pathAndQuery.Split('?')[0], "/{id}");

    [GeneratedRegex("/(?:[0-9]+|[a-z0-9-]+-[0-9]{2}-x64)(?=/|$)")]
    private static partial Regex Ids();
}
