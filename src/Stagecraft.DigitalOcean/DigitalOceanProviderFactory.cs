using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Configuration;
using Stagecraft.DigitalOcean.Provisioning;

namespace Stagecraft.DigitalOcean;

/// <summary>
/// The <c>digitalocean</c> cloud provider: binds <c>cloud.providers.digitalocean</c> and creates the provider for a run.
/// </summary>
public sealed class DigitalOceanProviderFactory : ICloudProviderFactory
{
    internal const string ProviderId = "digitalocean";

    private readonly HttpMessageHandler? handler;
    private readonly DigitalOceanApiOptions? pinnedOptions;

    /// <param name="handler">The HTTP transport; null means a new <see cref="SocketsHttpHandler"/>. Tests pass their own.</param>
    public DigitalOceanProviderFactory(HttpMessageHandler? handler = null)
        : this(handler, null)
    {
    }

    /// <param name="pinnedOptions">
    /// Options used as given, <c>request_timeout</c> included (tests pin them); null means the production defaults with
    /// the configured <c>request_timeout</c>.
    /// </param>
    internal DigitalOceanProviderFactory(HttpMessageHandler? handler, DigitalOceanApiOptions? pinnedOptions)
    {
        this.handler = handler;
        this.pinnedOptions = pinnedOptions;
    }

    public string Id => ProviderId;

    public ICloudProviderSettings Bind(ConfigSection section) => DigitalOceanSettingsBinder.Bind(section);

    public ICloudProvider Create(ICloudProviderSettings settings, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (settings is not DigitalOceanSettings doSettings)
        {
            throw new ArgumentException("settings must come from DigitalOceanProviderFactory.Bind", nameof(settings));
        }

        var token = context.Secrets.Read(doSettings.TokenEnv)
            ?? throw new CloudProviderException($"digitalocean provider: API token missing from environment variable {doSettings.TokenEnv}");

        // The client lives as long as the run; a handler passed in belongs to the caller.
        var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan; // per-attempt timeouts run on the TimeProvider
        var apiOptions = pinnedOptions ?? new DigitalOceanApiOptions { RequestTimeout = doSettings.RequestTimeout };
        var executor = new ApiRequestExecutor(http, doSettings.ApiUrl, token, context.Time, context.Diagnostics, apiOptions);
        var api = new DigitalOceanApiClient(executor, apiOptions);
        context.Summary?.Add(api.Counter.Summary);
        return new DigitalOceanProvider(doSettings, api, context.Time, context.Diagnostics, apiOptions);
    }
}
