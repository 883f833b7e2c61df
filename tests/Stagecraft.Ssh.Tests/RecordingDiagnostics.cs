using System.Collections.Concurrent;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Ssh.Tests;

internal sealed class RecordingDiagnostics : IDiagnostics
{
    private readonly ConcurrentQueue<string> messages = new();

    public bool IsEnabled => true;

    public IReadOnlyList<string> Messages => [.. messages];

    public void Verbose(string message) => messages.Enqueue(message);
}
