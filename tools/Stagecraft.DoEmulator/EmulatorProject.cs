namespace Stagecraft.DoEmulator;

/// <summary>A project on the emulated account besides the default one (where droplets land when created).</summary>
public sealed record EmulatorProject(string Id, string Name);
