using Stagecraft.Core.Diagnostics;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>
/// Keeps the diagnostics of concurrent tasks deterministic: each task logs into its own buffer, and task <c>i</c>'s
/// lines are written once it has finished and tasks <c>0..i-1</c> have been written. The log reads as if the tasks ran
/// one after another in index order, whatever order they finished in.
/// </summary>
internal sealed class OrderedDiagnostics
{
    private readonly IDiagnostics target;
    private readonly TaskBuffer[] buffers;
    private readonly Lock gate = new();
    private int next;

    public OrderedDiagnostics(IDiagnostics target, int count)
    {
        this.target = target;
        buffers = [.. Enumerable.Range(0, count).Select(_ => new TaskBuffer(this))];
    }

    /// <summary>The sink of task <paramref name="index"/>.</summary>
    public IDiagnostics For(int index) => buffers[index];

    /// <summary>Task <paramref name="index"/> has finished: writes every buffer whose turn has come.</summary>
    public void Complete(int index)
    {
        lock (gate)
        {
            buffers[index].Finished = true;
            while (next < buffers.Length && buffers[next].Finished)
            {
                Release(buffers[next++]);
            }
        }
    }

    /// <summary>Writes what is left in index order, finished or not (after a failure or an interrupt).</summary>
    public void ReleaseAll()
    {
        lock (gate)
        {
            while (next < buffers.Length)
            {
                Release(buffers[next++]);
            }
        }
    }

    private void Release(TaskBuffer buffer)
    {
        foreach (var line in buffer.Lines)
        {
            target.Verbose(line);
        }

        buffer.Lines.Clear();
        buffer.Released = true;
    }

    private sealed class TaskBuffer(OrderedDiagnostics owner) : IDiagnostics
    {
        public List<string> Lines { get; } = [];

        public bool Finished { get; set; }

        public bool Released { get; set; }

        public bool IsEnabled => owner.target.IsEnabled;

        public void Verbose(string message)
        {
            lock (owner.gate)
            {
                if (Released)
                {
                    owner.target.Verbose(message);
                }
                else
                {
                    Lines.Add(message);
                }
            }
        }
    }
}
