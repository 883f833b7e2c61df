namespace Stagecraft.Tailscale.Configuration;

/// <summary><c>network.providers.tailscale.install.method</c>.</summary>
public enum TailscaleInstallMethod
{
    /// <summary>Install or upgrade through Tailscale's apt repository when missing or older than min_version.</summary>
    Auto,

    /// <summary>Never install; fail when tailscale is missing or too old.</summary>
    Skip,
}
