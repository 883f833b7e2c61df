namespace Stagecraft.DigitalOcean.Api.Wire;

/// <summary>A cloud firewall as the API returns it and as a create or a full replace (PUT) sends it.</summary>
internal sealed class FirewallDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    public IReadOnlyList<FirewallRuleDto>? InboundRules { get; init; }

    public IReadOnlyList<FirewallRuleDto>? OutboundRules { get; init; }

    public IReadOnlyList<long>? DropletIds { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>One rule: inbound rules have <see cref="Sources"/>, outbound ones <see cref="Destinations"/>.</summary>
internal sealed class FirewallRuleDto
{
    public string? Protocol { get; init; }

    public string? Ports { get; init; }

    public FirewallTargetDto? Sources { get; init; }

    public FirewallTargetDto? Destinations { get; init; }
}

/// <summary>Where a rule allows traffic from or to; stagecraft writes addresses only and keeps the rest when comparing.</summary>
internal sealed class FirewallTargetDto
{
    public IReadOnlyList<string>? Addresses { get; init; }

    public IReadOnlyList<long>? DropletIds { get; init; }

    public IReadOnlyList<string>? LoadBalancerUids { get; init; }

    public IReadOnlyList<string>? KubernetesIds { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
}

internal sealed class FirewallResponse
{
    public FirewallDto? Firewall { get; init; }
}

internal sealed class FirewallListResponse
{
    public IReadOnlyList<FirewallDto>? Firewalls { get; init; }

    public LinksDto? Links { get; init; }
}
