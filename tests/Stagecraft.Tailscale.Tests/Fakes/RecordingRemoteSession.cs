using Stagecraft.Core.Remote;

namespace Stagecraft.Tailscale.Tests.Fakes;

/// <summary>
/// A scripted <see cref="IRemoteSession"/>: answers each command (matched by its argv) with the next scripted result,
/// repeating the last one; records every command it was asked to run. Unscripted commands fail the test.
/// </summary>
internal sealed class RecordingRemoteSession : IRemoteSession
{
    private readonly Dictionary<string, Queue<RemoteResult>> script = new(StringComparer.Ordinal);
    private readonly List<RemoteCommand> commands = [];

    public RecordingRemoteSession(bool userIsRoot = false)
    {
        UserIsRoot = userIsRoot;
    }

    public bool UserIsRoot { get; }

    public IReadOnlyList<RemoteCommand> Commands => commands;

    /// <summary>The commands as sent over SSH, rendered for this session's user.</summary>
    public IReadOnlyList<string> Rendered => [.. commands.Select(c => RemoteCommandRenderer.Render(c, UserIsRoot))];

    public RecordingRemoteSession On(RemoteCommand command, params RemoteResult[] results)
    {
        var key = Key(command);
        if (!script.TryGetValue(key, out var queue))
        {
            queue = new Queue<RemoteResult>();
            script[key] = queue;
        }

        foreach (var result in results)
        {
            queue.Enqueue(result);
        }

        return this;
    }

    public Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        commands.Add(command);
        var key = Key(command);
        if (!script.TryGetValue(key, out var queue) || queue.Count == 0)
        {
            throw new InvalidOperationException($"unscripted command: {key}");
        }

        return Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Key(RemoteCommand command) => string.Join(' ', command.Argv);
}
