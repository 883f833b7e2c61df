using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Providers;

namespace Stagecraft.Cli.Tests;

/// <summary>The one place typed plan changes become words.</summary>
public sealed class PlanChangeTextTests
{
    public static TheoryData<PlanChange, string> Changes => new()
    {
        { new AddTag("stagecraft"), "add tag stagecraft" },
        { new PowerOn(), "power on" },
        { new MoveToProject("shop"), "move to project shop" },
        { new Drift("vpc", "shop-nyc1 (2c5a)", "5a49"), "vpc: expected shop-nyc1 (2c5a), actual 5a49" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Describe_NamesEachChange(PlanChange change, string expected) => Assert.Equal(expected, PlanChangeText.Describe(change));
}
