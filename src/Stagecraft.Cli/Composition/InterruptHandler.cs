using System.Runtime.InteropServices;

namespace Stagecraft.Cli.Composition;

/// <summary>
/// First Ctrl-C (or SIGTERM): cancel the run's token so nothing new starts and the partial report is printed.
/// Second Ctrl-C: exit at once with 130.
/// </summary>
internal sealed class InterruptHandler : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration sigint;
    private readonly PosixSignalRegistration sigterm;
    private int interrupts;

    public InterruptHandler(TextWriter error)
    {
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref interrupts) == 1)
            {
                error.Write("stagecraft: interrupted: starting nothing new, cancelling waits and remote commands, then printing what exists (Ctrl-C again to exit at once)\n");
                source.Cancel();
            }
            else
            {
                Environment.Exit(130);
            }
        }

        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        sigint.Dispose();
        sigterm.Dispose();
        source.Dispose();
    }
}
