using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Tests.Configuration;

public sealed class DnsLabelTests
{
    [Theory]
    [InlineData("app-1", true)]
    [InlineData("a", true)]
    [InlineData("-app", false)]
    [InlineData("app-", false)]
    [InlineData("App", false)]
    [InlineData("web-1\n", false)]
    [InlineData("a;b", false)]
    [InlineData("", false)]
    public void IsValid_FollowsRfc1123(string value, bool valid)
    {
        Assert.Equal(valid, DnsLabel.IsValid(value));
    }

    [Fact]
    public void IsValid_64Characters_IsTooLong()
    {
        Assert.True(DnsLabel.IsValid(new string('a', 63)));
        Assert.False(DnsLabel.IsValid(new string('a', 64)));
    }
}
