namespace Stagecraft.Tailscale.Status;

/// <summary>Wire shape of <c>CurrentTailnet</c> (null until a netmap arrives; absent before v1.22).</summary>
internal sealed class TailscaleTailnetDto
{
    public string? Name { get; init; }

    public string? MagicDNSSuffix { get; init; }
}
