using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Secrets;
using Stagecraft.Tailscale.Configuration;

namespace Stagecraft.Tailscale.Tests.Fakes;

/// <summary>Builds the provider the way the factory does, with test doubles for secrets, time and diagnostics.</summary>
internal static class TestProvider
{
    /// <summary>The running fixture's tailnet.</summary>
    public const string Tailnet = "tail4a7c2e.ts.net";

    public const string KeyEnv = "TS_AUTHKEY";

    /// <summary>The running fixture's hostname and tags.</summary>
    public static readonly Host Web1 = new("web-1", "web-1", "4242", "web", "203.0.113.10", ["stagecraft", "stagecraft-env-staging"]);

    public static readonly IReadOnlyList<string> Tags = ["tag:server", "tag:stagecraft"];

    public static TailscaleNetworkProvider Create(
        ISecretSource secrets,
        FakeTimeProvider? time = null,
        TailscaleInstallMethod method = TailscaleInstallMethod.Auto,
        Version? minVersion = null,
        IDiagnostics? diagnostics = null)
    {
        var settings = new TailscaleSettings(KeyEnv, Tailnet, ["tag:stagecraft"], new Dictionary<string, IReadOnlyList<string>>(), method, minVersion);
        var context = new ProviderContext(time ?? new FakeTimeProvider(), secrets, diagnostics ?? NullDiagnostics.Instance);
        return Assert.IsType<TailscaleNetworkProvider>(new TailscaleProviderFactory().Create(settings, context));
    }
}
