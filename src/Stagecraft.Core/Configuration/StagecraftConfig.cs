using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Configuration;

/// <summary>A loaded, validated <c>stagecraft.yml</c>.</summary>
public sealed record StagecraftConfig(
    string File,
    string ProjectName,
    ICloudProviderFactory CloudProvider,
    ICloudProviderSettings CloudSettings,
    INetworkProviderFactory NetworkProvider,
    INetworkProviderSettings NetworkSettings,
    BootstrapSettings Bootstrap)
{
    /// <summary>
    /// Section path → the keys the loader accepts there (see <see cref="ConfigDiagnostics.KnownKeys"/>); what the
    /// published config schema (docs/schema/stagecraft.schema.json) is checked against.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> KnownKeys { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
