namespace Stagecraft.Core.Hosts;

/// <summary>A host that exists in the cloud.</summary>
/// <param name="Name">Config name, e.g. <c>app-1</c>.</param>
/// <param name="ResourceName">Cloud resource name, e.g. <c>staging-app-1</c>.</param>
/// <param name="Id">Provider id as a string (DigitalOcean ids are 64-bit).</param>
/// <param name="PublicIp">Public IPv4, or null when not known yet.</param>
public sealed record Host(string Name, string ResourceName, string Id, string Role, string? PublicIp, IReadOnlyList<string> Tags);
