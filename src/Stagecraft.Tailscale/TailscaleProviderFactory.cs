using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.Tailscale.Configuration;

namespace Stagecraft.Tailscale;

/// <summary>The Tailscale network provider: binds <c>network.providers.tailscale</c> and creates <see cref="TailscaleNetworkProvider"/>.</summary>
public sealed class TailscaleProviderFactory : INetworkProviderFactory
{
    public const string ProviderId = "tailscale";

    public string Id => ProviderId;

    /// <summary>Reads and validates the section; errors go to its diagnostics. Calls <see cref="ConfigSection.Complete"/> on every section it opens.</summary>
    public INetworkProviderSettings Bind(ConfigSection section) => TailscaleSettingsBinder.Bind(section);

    public INetworkProvider Create(INetworkProviderSettings settings, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (settings is not TailscaleSettings tailscaleSettings)
        {
            throw new ArgumentException("settings were not bound by the tailscale provider", nameof(settings));
        }

        return new TailscaleNetworkProvider(tailscaleSettings, context, TailscaleTimings.Default);
    }
}
