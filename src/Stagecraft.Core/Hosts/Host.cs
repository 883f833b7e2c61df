namespace Stagecraft.Core.Hosts;

/// <summary>A host that exists in the cloud.</summary>
/// <param name="Name">Config name, e.g. <c>app-1</c>.</param>
/// <param name="ResourceName">Cloud resource name, e.g. <c>staging-app-1</c>.</param>
/// <param name="Id">Provider id as a string (DigitalOcean ids are 64-bit).</param>
/// <param name="PublicIp">Public IPv4, or null when not known yet.</param>
public sealed record Host(string Name, string ResourceName, string Id, string Role, string? PublicIp, IReadOnlyList<string> Tags)
{
    /// <summary>Private IPv4 (the provider's VPC address), or null when the host has none or it is not known yet.</summary>
    public string? PrivateIp { get; init; }

    /// <summary>The provider's region slug as it reports it (e.g. <c>fra1</c>); empty when not known.</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary>The provider's size slug (e.g. <c>s-1vcpu-1gb</c>); empty when not known.</summary>
    public string Size { get; init; } = string.Empty;

    /// <summary>The image slug, or its id when the image has no slug; empty when not known.</summary>
    public string Image { get; init; } = string.Empty;

    /// <summary>The provider's status word (DigitalOcean: <c>new</c>, <c>active</c>, <c>off</c>, <c>archive</c>); empty when not known.</summary>
    public string Status { get; init; } = string.Empty;
}
