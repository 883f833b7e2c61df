using Microsoft.Extensions.Time.Testing;
using Stagecraft.DigitalOcean.Api;

namespace Stagecraft.DigitalOcean.Tests.Api;

public sealed class RateLimitBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAcquire_WhenTheLast60sHoldTheBurstLessHeadroom_WaitsUntilTheOldestLeavesTheWindow()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new RateLimitBudget(time, new DigitalOceanApiOptions());
        for (var i = 0; i < 240; i++)
        {
            Assert.Equal(TimeSpan.Zero, budget.TryAcquire(RequestPriority.Immediate).Delay);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var refused = budget.TryAcquire(RequestPriority.Immediate);
        time.Advance(refused.Delay);

        Assert.Equal(BudgetReason.Burst, refused.Reason);
        Assert.Equal(TimeSpan.FromSeconds(60) - TimeSpan.FromSeconds(24), refused.Delay);
        Assert.Equal(TimeSpan.Zero, budget.TryAcquire(RequestPriority.Immediate).Delay);
    }

    [Fact]
    public void TryAcquire_WhenTheWindowHoldsThePollsShare_PollsWaitWhileOtherRequestsStillGo()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new RateLimitBudget(time, new DigitalOceanApiOptions());
        for (var i = 0; i < 190; i++)
        {
            Assert.Equal(TimeSpan.Zero, budget.TryAcquire(RequestPriority.Deferrable).Delay);
        }

        var poll = budget.TryAcquire(RequestPriority.Deferrable);
        var create = budget.TryAcquire(RequestPriority.Immediate);

        Assert.Equal(new BudgetWait(TimeSpan.FromSeconds(60), BudgetReason.Burst), poll);
        Assert.Equal(TimeSpan.Zero, create.Delay);
    }

    [Fact]
    public void Observe_WhenAFewHundredAreLeftOfTheHour_SpreadsPollsOnly()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new RateLimitBudget(time, new DigitalOceanApiOptions());

        // 400 left of 5000 (under the polls' 10 %), the oldest request leaves the hour in 391 s.
        budget.Observe(new RateLimitHeaders(400, Start.AddSeconds(391), null) { Limit = 5000 });

        Assert.Equal(TimeSpan.Zero, budget.TryAcquire(RequestPriority.Immediate).Delay);
        Assert.Equal(new BudgetWait(TimeSpan.FromSeconds(1), BudgetReason.Quota), budget.TryAcquire(RequestPriority.Deferrable)); // 391 s / (400 - 10 + 1)
    }

    [Fact]
    public void Observe_WhenTheLastTenAreLeft_PollsWaitForTheResetAndOtherRequestsAreSpread()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new RateLimitBudget(time, new DigitalOceanApiOptions());

        budget.Observe(new RateLimitHeaders(9, Start.AddSeconds(50), null) { Limit = 5000 });

        Assert.Equal(TimeSpan.FromSeconds(5), budget.TryAcquire(RequestPriority.Immediate).Delay); // 50 s / (9 + 1)
        Assert.Equal(TimeSpan.FromSeconds(50), budget.TryAcquire(RequestPriority.Deferrable).Delay); // none of the last 10 is theirs
    }

    [Fact]
    public void Observe_WithPlentyLeft_HoldsNothingBack()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new RateLimitBudget(time, new DigitalOceanApiOptions());

        budget.Observe(new RateLimitHeaders(4999, Start.AddHours(1), null) { Limit = 5000 });

        Assert.Equal(TimeSpan.Zero, budget.TryAcquire(RequestPriority.Deferrable).Delay);
    }

    [Fact]
    public void Refused_HoldsEveryRequestBackForTheWait()
    {
        var time = new FakeTimeProvider(Start);
        var budget = new RateLimitBudget(time, new DigitalOceanApiOptions());

        budget.Refused(TimeSpan.FromSeconds(7));

        Assert.Equal(new BudgetWait(TimeSpan.FromSeconds(7), BudgetReason.Quota), budget.TryAcquire(RequestPriority.Immediate));
        Assert.Equal(TimeSpan.FromSeconds(7), budget.TryAcquire(RequestPriority.Deferrable).Delay);
        time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.Zero, budget.TryAcquire(RequestPriority.Immediate).Delay);
    }

    [Theory]
    [InlineData("GET", "v2/droplets?tag_name=stagecraft-env-staging&per_page=200", nameof(ApiRequestClass.ListDropletsByTag))]
    [InlineData("GET", "v2/droplets?page=2&per_page=200&tag_name=x", nameof(ApiRequestClass.ListDropletsByTag))]
    [InlineData("GET", "v2/droplets?name=staging-app-1&per_page=200", nameof(ApiRequestClass.ListDropletsByName))]
    [InlineData("GET", "v2/droplets?per_page=1", nameof(ApiRequestClass.CountDroplets))]
    [InlineData("GET", "v2/droplets?per_page=200", nameof(ApiRequestClass.ListDroplets))]
    [InlineData("POST", "v2/droplets", nameof(ApiRequestClass.CreateDroplets))]
    [InlineData("GET", "v2/droplets/3000000001", nameof(ApiRequestClass.GetDroplet))]
    [InlineData("DELETE", "v2/droplets/3000000001", nameof(ApiRequestClass.DeleteDroplet))]
    [InlineData("POST", "v2/droplets/3000000001/actions", nameof(ApiRequestClass.DropletActions))]
    [InlineData("GET", "v2/actions/4000000001", nameof(ApiRequestClass.GetAction))]
    [InlineData("GET", "v2/account", nameof(ApiRequestClass.Account))]
    [InlineData("GET", "v2/account/keys?per_page=200", nameof(ApiRequestClass.SshKeys))]
    [InlineData("GET", "v2/images/ubuntu-22-04-x64", nameof(ApiRequestClass.Images))]
    [InlineData("POST", "v2/tags/stagecraft/resources", nameof(ApiRequestClass.Tags))]
    [InlineData("PUT", "v2/firewalls/f-1", nameof(ApiRequestClass.Firewalls))]
    [InlineData("POST", "v2/projects/p-1/resources", nameof(ApiRequestClass.Projects))]
    [InlineData("GET", "v1/whatever", nameof(ApiRequestClass.Other))]
    public void Of_SortsARequestIntoItsClass(string method, string pathAndQuery, string expected) =>
        Assert.Equal(Enum.Parse<ApiRequestClass>(expected), ApiRequestClasses.Of(new HttpMethod(method), pathAndQuery));

    [Fact]
    public void Summary_ListsTheUsedClassesInTheirFixedOrderWithTheRefusals()
    {
        var counter = new ApiRequestCounter();
        counter.Sent(ApiRequestClass.CreateDroplets);
        counter.Sent(ApiRequestClass.ListDropletsByTag);
        counter.Sent(ApiRequestClass.ListDropletsByTag);
        counter.Sent(ApiRequestClass.Account);
        counter.Refused();

        Assert.Equal("digitalocean: 4 API requests (1 refused with 429): list droplets by tag 2, create droplets 1, account 1", counter.Summary());
        Assert.Equal("digitalocean: 0 API requests (0 refused with 429)", new ApiRequestCounter().Summary());
    }
}
