namespace Stagecraft.Core.Teardown;

/// <summary>
/// <c>infra down</c>: the config, the environment, the hosts to limit the teardown to (empty: every declared host),
/// whether unmanaged droplets go too, and whether this is a dry run. Confirmation (<c>--yes</c>, a typed name) is
/// the caller's: the engine asks <see cref="ITeardownConfirmation"/> unless <see cref="Confirmed"/>.
/// </summary>
public sealed record TeardownRequest(string ConfigPath, string? Environment, IReadOnlyList<string> Hosts, bool IncludeUnmanaged, bool DryRun, bool Confirmed)
{
    /// <summary><c>--include-firewall</c>: also delete the environment's cloud firewall, once every droplet is gone.</summary>
    public bool IncludeFirewall { get; init; }
}
