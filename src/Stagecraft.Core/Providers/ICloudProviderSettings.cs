using Stagecraft.Core.Hosts;

namespace Stagecraft.Core.Providers;

/// <summary>A cloud provider's bound settings. Core needs only the declared hosts per environment.</summary>
public interface ICloudProviderSettings
{
    /// <summary>Environment name → hosts sorted by name (ordinal). Environments sorted by name.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<HostSpec>> Environments { get; }
}
