namespace Stagecraft.DoEmulator.Cli;

/// <summary>The parsed command line of the emulator executable.</summary>
internal sealed record EmulatorCommandLine(EmulatorOptions Options, int Port, string? OnActiveCommand, bool ShowHelp);
