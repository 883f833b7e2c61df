namespace Stagecraft.DoEmulator;

/// <summary>An SSH key on the emulated account.</summary>
public sealed record EmulatorSshKey(long Id, string Name, string Fingerprint, string PublicKey);
