using CsCheck;

namespace Stagecraft.Core.Tests.BadInput;

/// <summary>
/// Fuzzes the loader (fake providers): whatever the text, Parse returns a config or throws a ConfigException whose
/// every line is <c>stagecraft.yml[:line:col]: problem</c>; never another exception, never a hang.
/// </summary>
public sealed class ConfigFuzzTests
{
    [Fact]
    public void Parse_ValidBase_IsAccepted()
    {
        Assert.NotNull(FakeProviderConfigs.Parse(FakeProviderConfigs.Valid));
    }

    [Fact]
    public void Parse_RandomText_ReturnsConfigOrPlacedConfigErrors()
    {
        YamlFuzz.RandomText.Sample(
            text => YamlFuzz.AssertConfigOrConfigError(FakeProviderConfigs.Parse, text),
            iter: 1000,
            time: 2,
            print: YamlFuzz.Show);
    }

    [Fact]
    public void Parse_RandomYamlDocuments_ReturnsConfigOrPlacedConfigErrors()
    {
        YamlFuzz.Documents(FakeProviderConfigs.Keys).Sample(
            text => YamlFuzz.AssertConfigOrConfigError(FakeProviderConfigs.Parse, text),
            iter: 1000,
            time: 2,
            print: YamlFuzz.Show);
    }

    [Fact]
    public void Parse_MutatedValidConfig_ReturnsConfigOrPlacedConfigErrors()
    {
        YamlFuzz.Mutations(FakeProviderConfigs.Valid).Sample(
            text => YamlFuzz.AssertConfigOrConfigError(FakeProviderConfigs.Parse, text),
            iter: 1000,
            time: 2,
            print: YamlFuzz.Show);
    }
}
