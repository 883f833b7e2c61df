using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Providers;

/// <summary>A registered cloud provider: binds its config section and creates the provider for a run.</summary>
public interface ICloudProviderFactory : IProviderRegistration
{
    /// <summary>Reads and validates <c>cloud.providers.&lt;id&gt;</c>; errors go to the section's diagnostics. Calls <see cref="ConfigSection.Complete"/>.</summary>
    ICloudProviderSettings Bind(ConfigSection section);

    /// <summary>Creates the provider. Throws <see cref="CloudProviderException"/> when it cannot start (e.g. token missing).</summary>
    ICloudProvider Create(ICloudProviderSettings settings, ProviderContext context);
}
