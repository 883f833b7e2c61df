using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Tailscale.Tests.Fakes;

internal sealed class RecordingDiagnostics : IDiagnostics
{
    private readonly List<string> messages = [];

    public bool IsEnabled => true;

    public IReadOnlyList<string> Messages => messages;

    public void Verbose(string message) => messages.Add(message);
}
