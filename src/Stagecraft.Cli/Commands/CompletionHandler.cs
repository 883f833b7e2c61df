using Stagecraft.Cli.Completion;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Commands;

/// <summary>Runs <c>completion</c>: prints the shell's script on stdout, exit 0.</summary>
internal sealed class CompletionHandler
{
    private readonly TextWriter output;

    public CompletionHandler(TextWriter output) => this.output = output;

    public async Task<int> RunAsync(CompletionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await output.WriteAsync(CompletionScripts.For(options.Shell).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
