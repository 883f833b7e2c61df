using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests;

/// <summary>Builds loaders with the fake providers and a valid base config to vary.</summary>
internal static class TestConfig
{
    public const string Valid = SampleConfigs.FakeProviders;

    public static ConfigLoader Loader(FakeCloudProviderFactory? cloud = null, FakeNetworkProviderFactory? network = null) =>
        new(
            new ProviderRegistry<ICloudProviderFactory>([cloud ?? new FakeCloudProviderFactory()]),
            new ProviderRegistry<INetworkProviderFactory>([network ?? new FakeNetworkProviderFactory()]),
            "/home/op");

    public static IReadOnlyList<string> Errors(string yaml)
    {
        var ex = Assert.Throws<ConfigException>(() => Loader().Parse(yaml, "stagecraft.yml"));
        return [.. ex.Message.Split('\n')];
    }
}
