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
    BootstrapSettings Bootstrap);
