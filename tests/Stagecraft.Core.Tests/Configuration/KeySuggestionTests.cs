using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Tests.Configuration;

public sealed class KeySuggestionTests
{
    private static readonly string[] SshKeys = ["agent", "command_timeout", "known_hosts_file", "port", "private_key_passphrase_env", "private_key_path", "ready_timeout", "user"];

    [Theory]
    [InlineData("ready_timeot", "ready_timeout")]
    [InlineData("Ready_Timeout", "ready_timeout")]
    [InlineData("prot", "port")]
    [InlineData("usr", "user")]
    [InlineData("known_host_file", "known_hosts_file")]
    public void Closest_WhenAKeyIsOneOrTwoEditsAway_SuggestsIt(string unknown, string expected) =>
        Assert.Equal(expected, KeySuggestion.Closest(unknown, SshKeys));

    [Theory]
    [InlineData("sise", new[] { "region", "role", "size" }, "size")]
    [InlineData("rloe", new[] { "region", "role", "size" }, "role")]
    public void Closest_WhenNeighboursAreSwapped_CountsOneEdit(string unknown, string[] known, string expected) =>
        Assert.Equal(expected, KeySuggestion.Closest(unknown, known));

    [Theory]
    [InlineData("timeout")]
    [InlineData("hostname")]
    [InlineData("xy")]
    public void Closest_WhenNothingIsClose_SuggestsNothing(string unknown) =>
        Assert.Null(KeySuggestion.Closest(unknown, SshKeys));

    [Fact]
    public void Closest_WhenTwoKeysAreEquallyClose_SuggestsNeither() =>
        Assert.Null(KeySuggestion.Closest("siae", ["size", "side"]));

    [Fact]
    public void Load_WhenAKeyIsMistyped_TheErrorSuggestsTheKnownOne()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stagecraft-suggest-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "project:\n  nmae: demo\n");
        try
        {
            var ex = Assert.Throws<ConfigException>(() => new ConfigLoader(
                new Stagecraft.Core.Providers.ProviderRegistry<Stagecraft.Core.Providers.ICloudProviderFactory>([]),
                new Stagecraft.Core.Providers.ProviderRegistry<Stagecraft.Core.Providers.INetworkProviderFactory>([]),
                Path.GetTempPath()).Load(path));

            Assert.Contains(":2:3: project.nmae: unknown key; did you mean name? (expected one of: name)", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
