namespace Stagecraft.DoEmulator;

/// <summary>A VPC on the emulated account besides the per-region defaults (<c>default-&lt;region&gt;</c>).</summary>
public sealed record EmulatorVpc(string Id, string Name, string Region);
