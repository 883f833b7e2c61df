namespace Stagecraft.Tailscale.Status;

/// <summary>Wire shape of <c>Self</c>; <c>Tags</c> is absent when the node is untagged.</summary>
internal sealed class TailscaleSelfDto
{
    public string? HostName { get; init; }

    public string? DNSName { get; init; }

    public IReadOnlyList<string?>? Tags { get; init; }

    public bool? Online { get; init; }
}
