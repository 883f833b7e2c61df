namespace Stagecraft.Tailscale.Status;

/// <summary>Wire shape of <c>tailscale status --json</c>: only the fields the provider reads; everything may be missing or null.</summary>
internal sealed class TailscaleStatusDto
{
    public string? BackendState { get; init; }

    public string? MagicDNSSuffix { get; init; }

    public TailscaleTailnetDto? CurrentTailnet { get; init; }

    public TailscaleSelfDto? Self { get; init; }

    public IReadOnlyList<string?>? Health { get; init; }
}
