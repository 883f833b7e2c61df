using Stagecraft.Cli.Composition;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Commands;

/// <summary>Runs <c>infra up</c>: builds the engine from the dependencies, renders the report, returns the exit code.</summary>
internal sealed class InfraUpHandler
{
    private readonly CliDependencies dependencies;
    private readonly TextWriter output;
    private readonly TextWriter error;

    public InfraUpHandler(CliDependencies dependencies, TextWriter output, TextWriter error)
    {
        this.dependencies = dependencies;
        this.output = output;
        this.error = error;
    }

    public async Task<int> RunAsync(InfraUpOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IDiagnostics diagnostics = options.Verbose ? new StderrDiagnostics(error) : NullDiagnostics.Instance;
        var loader = new ConfigLoader(dependencies.CloudProviders, dependencies.NetworkProviders, dependencies.HomeDirectory);
        var context = new ProviderContext(dependencies.Time, dependencies.Secrets, diagnostics);
        var progress = dependencies.Progress(new ProgressRequest(options.Output == OutputFormat.Json, error));
        var engine = new InfraUpEngine(loader, dependencies.RemoteAccess(diagnostics), context, progress);

        InfraUpReport report;
        try
        {
            report = await engine.RunAsync(options.Request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (progress as IDisposable)?.Dispose();
        }

        if (report.Error is { } failure)
        {
            await error.WriteAsync($"stagecraft: {failure.Message}\n").ConfigureAwait(false);
        }

        var rendered = options.Output == OutputFormat.Json ? JsonReportRenderer.Render(report) : TextReportRenderer.Render(report);
        // A config error has nothing to report in text form beyond the error itself; JSON is always one document.
        if (options.Output == OutputFormat.Json || report.Error?.Kind != ReportErrorKind.Config)
        {
            await output.WriteAsync(rendered).ConfigureAwait(false);
        }

        // Flushed even after Ctrl-C: the partial report must reach stdout.
        output.Flush();
        return report.ExitCode;
    }
}
