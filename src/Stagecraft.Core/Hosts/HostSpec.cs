using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Hosts;

/// <summary>A host as declared for one environment: its config name and role. Provider-specific details stay in the provider's settings.</summary>
public sealed record HostSpec(string Name, string Role, ConfigMark Mark);
