namespace Stagecraft.Core.Providers;

/// <summary>A port the mesh needs open inbound from anywhere (Tailscale: UDP 41641 for direct connections).</summary>
public sealed record NetworkPort(string Protocol, string Ports);
