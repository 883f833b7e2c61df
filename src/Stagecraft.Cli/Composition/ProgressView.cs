using Stagecraft.Core.Bootstrap;

namespace Stagecraft.Cli.Composition;

/// <summary>Chooses the progress view: a live per-host table on a TTY stderr; nothing on a pipe or with --output json.</summary>
internal static class ProgressView
{
    public static IProgressReporter Create(ProgressRequest request, bool errorIsTerminal, bool noColor)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.JsonOutput || !errorIsTerminal
            ? NullProgressReporter.Instance
            : new LiveProgressView(request.Error, interactive: true, noColor);
    }
}
