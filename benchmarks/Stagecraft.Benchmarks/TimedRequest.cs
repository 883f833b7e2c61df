using Stagecraft.DoEmulator;

namespace Stagecraft.Benchmarks;

/// <summary>A request from the emulator's log with the moment the recorder first saw it (since the CLI started).</summary>
internal sealed record TimedRequest(EmulatorRequest Request, TimeSpan SeenAt);
