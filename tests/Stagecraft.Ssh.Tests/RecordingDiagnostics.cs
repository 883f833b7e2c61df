using System.Collections.Concurrent;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Ssh.Tests;

internal sealed class RecordingDiagnostics : IDiagnostics
{
    private readonly ConcurrentQueue<string> messages = new();

    public bool IsEnabled => true;

    public IReadOnlyList<string> Messages => [.. messages];

    /// <summary>Called with each message after it is recorded (to act at an exact point of a run).</summary>
    public Action<string>? OnMessage { get; set; }

    public void Verbose(string message)
    {
        messages.Enqueue(message);
        OnMessage?.Invoke(message);
    }
}
