namespace Stagecraft.Core.Providers;

/// <summary>One attribute a host to create will get (e.g. <c>size</c> = <c>s-2vcpu-4gb</c>), in the provider's order.</summary>
public sealed record DesiredSetting(string Name, string Value);
