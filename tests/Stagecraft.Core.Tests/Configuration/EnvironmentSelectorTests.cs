using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Tests.Configuration;

public sealed class EnvironmentSelectorTests
{
    [Fact]
    public void Select_NamedEnvironment_IsReturned()
    {
        var config = TestConfig.Loader().Parse(TestConfig.Valid, "stagecraft.yml");

        Assert.Equal("prod", EnvironmentSelector.Select(config, "prod"));
    }

    [Fact]
    public void Select_NoneWithSeveralDefined_ListsThem()
    {
        var config = TestConfig.Loader().Parse(TestConfig.Valid, "stagecraft.yml");

        var ex = Assert.Throws<ConfigException>(() => EnvironmentSelector.Select(config, null));

        Assert.Equal("stagecraft.yml: several environments are defined (prod, staging); choose one with --env", ex.Message);
    }

    [Fact]
    public void Select_NoneWithExactlyOne_PicksIt()
    {
        var yaml = TestConfig.Valid.Replace("        prod:\n          app-1: { role: app }\n", string.Empty, StringComparison.Ordinal);
        var config = TestConfig.Loader().Parse(yaml, "stagecraft.yml");

        Assert.Equal("staging", EnvironmentSelector.Select(config, null));
    }

    [Fact]
    public void Select_Unknown_ListsKnown()
    {
        var config = TestConfig.Loader().Parse(TestConfig.Valid, "stagecraft.yml");

        var ex = Assert.Throws<ConfigException>(() => EnvironmentSelector.Select(config, "qa"));

        Assert.Equal("stagecraft.yml: unknown environment 'qa' (defined: prod, staging)", ex.Message);
    }
}
