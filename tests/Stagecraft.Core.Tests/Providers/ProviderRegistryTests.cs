using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Providers;

public sealed class ProviderRegistryTests
{
    [Fact]
    public void Registry_KeepsRegistrationOrderAndFindsById()
    {
        var b = new FakeCloudProviderFactory("b");
        var a = new FakeCloudProviderFactory("a");

        var registry = new ProviderRegistry<ICloudProviderFactory>([b, a]);

        Assert.Equal(["b", "a"], registry.Ids);
        Assert.Same(a, registry.Find("a"));
        Assert.Null(registry.Find("A"));
    }

    [Fact]
    public void Registry_DuplicateId_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ProviderRegistry<ICloudProviderFactory>([new FakeCloudProviderFactory("x"), new FakeCloudProviderFactory("x")]));

        Assert.StartsWith("provider id 'x' is registered twice", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Registry_EmptyId_IsRejected(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ProviderRegistry<ICloudProviderFactory>([new FakeCloudProviderFactory(id)]));

        Assert.StartsWith("a provider id must not be empty", ex.Message, StringComparison.Ordinal);
    }
}
