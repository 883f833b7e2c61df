using Stagecraft.Core.Providers;

namespace Stagecraft.Tailscale.Configuration;

/// <summary>The bound <c>network.providers.tailscale</c> section.</summary>
/// <param name="AuthKeyEnv">Name of the environment variable holding the auth key (the key itself is read only when a join is needed).</param>
/// <param name="TailnetDomain">The tailnet's MagicDNS suffix, e.g. <c>example.ts.net</c>.</param>
/// <param name="DefaultTags">Tags every host advertises.</param>
/// <param name="RoleTags">Extra tags per role.</param>
/// <param name="InstallMethod">Whether a missing or outdated tailscale may be installed.</param>
/// <param name="MinVersion">The oldest acceptable tailscale version (major.minor.patch), or null for any.</param>
public sealed record TailscaleSettings(
    string AuthKeyEnv,
    string TailnetDomain,
    IReadOnlyList<string> DefaultTags,
    IReadOnlyDictionary<string, IReadOnlyList<string>> RoleTags,
    TailscaleInstallMethod InstallMethod,
    Version? MinVersion) : INetworkProviderSettings;
