using Stagecraft.Core.Bootstrap;

namespace Stagecraft.Cli.Composition;

/// <summary>Chooses the progress view: live lines on a TTY stderr, nothing on a pipe, with --output json, or under NO_COLOR... (see <see cref="LiveProgressReporter"/>).</summary>
internal static class ProgressView
{
    public static IProgressReporter Create(ProgressRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.JsonOutput || Console.IsErrorRedirected)
        {
            return NullProgressReporter.Instance;
        }

        return new LiveProgressReporter(request.Error, noColor: !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));
    }
}
