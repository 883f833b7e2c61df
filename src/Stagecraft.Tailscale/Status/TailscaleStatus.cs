namespace Stagecraft.Tailscale.Status;

/// <summary>What the provider needs from <c>tailscale status --json</c>, normalised.</summary>
/// <param name="State">The parsed backend state.</param>
/// <param name="RawState">The <c>BackendState</c> text as reported (for messages), "" when absent.</param>
/// <param name="TailnetSuffix">The tailnet's MagicDNS suffix, lowercase, no dots around; "" before login.</param>
/// <param name="TailnetName">The tailnet's name as the admin console shows it, "" when unknown.</param>
/// <param name="HostName">The hostname the node asked for.</param>
/// <param name="DnsName">The node's FQDN without the trailing dot, "" before login.</param>
/// <param name="Tags">The node's tags (empty when untagged).</param>
/// <param name="Online">Whether the node is connected to the control plane.</param>
/// <param name="Health">Free-text health warnings: for logs only, never for decisions.</param>
internal sealed record TailscaleStatus(
    TailscaleBackendState State,
    string RawState,
    string TailnetSuffix,
    string TailnetName,
    string HostName,
    string DnsName,
    IReadOnlyList<string> Tags,
    bool Online,
    IReadOnlyList<string> Health);
