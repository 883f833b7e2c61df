using CsCheck;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Tests.BadInput;

namespace Stagecraft.DigitalOcean.Tests.BadInput;

/// <summary>
/// Fuzzes the Core loader with the real DigitalOcean and Tailscale binders: a config, or a ConfigException whose every
/// line is <c>stagecraft.yml[:line:col]: problem</c>; never another exception, never a hang.
/// </summary>
public sealed class RealProviderConfigFuzzTests
{
    [Fact]
    public void Parse_ValidTemplate_IsAccepted()
    {
        var config = RealProviderConfigs.Parse(RealProviderConfigs.Valid);

        Assert.Equal("shop", config.ProjectName);
        Assert.Equal(["prod", "staging"], config.CloudSettings.Environments.Keys);
        Assert.Equal(new SshSettings("deploy", 22, "/home/op/.ssh/id_ed25519", "/home/op/.config/stagecraft/known_hosts", TimeSpan.FromSeconds(90)), config.Bootstrap.Ssh);
    }

    [Fact]
    public void Parse_RandomText_ReturnsConfigOrPlacedConfigErrors()
    {
        YamlFuzz.RandomText.Sample(
            text => YamlFuzz.AssertConfigOrConfigError(RealProviderConfigs.Parse, text),
            iter: 1000,
            time: 2,
            print: YamlFuzz.Show);
    }

    [Fact]
    public void Parse_RandomYamlDocuments_ReturnsConfigOrPlacedConfigErrors()
    {
        YamlFuzz.Documents(RealProviderConfigs.Keys).Sample(
            text => YamlFuzz.AssertConfigOrConfigError(RealProviderConfigs.Parse, text),
            iter: 1000,
            time: 2,
            print: YamlFuzz.Show);
    }

    [Fact]
    public void Parse_MutatedValidConfig_ReturnsConfigOrPlacedConfigErrors()
    {
        YamlFuzz.Mutations(RealProviderConfigs.Valid).Sample(
            text => YamlFuzz.AssertConfigOrConfigError(RealProviderConfigs.Parse, text),
            iter: 1000,
            time: 3,
            print: YamlFuzz.Show);
    }

    [Fact]
    public void Parse_RandomValueInEverySlot_ReturnsConfigOrPlacedConfigErrors()
    {
        var slot = Gen.OneOf([.. RealProviderConfigs.Defaults.Keys]);
        var value = Gen.OneOf(Gen.String[Gen.Char[(char)1, (char)127], 0, 30], Gen.String[Gen.Char, 0, 10], Gen.OneOf(YamlFuzz.HostileTokens));
        Gen.Select(slot, value).Sample(
            t => YamlFuzz.AssertConfigOrConfigError(RealProviderConfigs.Parse, RealProviderConfigs.With(t.Item1, t.Item2)),
            iter: 1000,
            time: 2,
            print: t => $"{t.Item1} = {YamlFuzz.Show(t.Item2)}");
    }
}
