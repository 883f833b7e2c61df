using Stagecraft.Core.Configuration;

namespace Stagecraft.Core.Providers;

/// <summary>A registered network provider: binds <c>network.providers.&lt;id&gt;</c> and creates the provider.</summary>
public interface INetworkProviderFactory : IProviderRegistration
{
    INetworkProviderSettings Bind(ConfigSection section);

    INetworkProvider Create(INetworkProviderSettings settings, ProviderContext context);
}
