using Stagecraft.Cli.Composition;
using Stagecraft.Cli.Rendering;
using Stagecraft.Cli.Rendering.Status;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;
using Stagecraft.Core.Status;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// Runs <c>infra status</c>: builds the read-only status engine, renders the report as text or JSON (every path ends
/// in the report; with JSON exactly one document), returns the exit code.
/// </summary>
internal sealed class InfraStatusHandler
{
    private readonly CliDependencies dependencies;
    private readonly TextWriter output;
    private readonly TextWriter error;

    public InfraStatusHandler(CliDependencies dependencies, TextWriter output, TextWriter error)
    {
        this.dependencies = dependencies;
        this.output = output;
        this.error = error;
    }

    public async Task<int> RunAsync(InfraStatusOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IDiagnostics diagnostics = options.Verbose ? new StderrDiagnostics(error) : NullDiagnostics.Instance;
        StatusReport report;
        var summary = new VerboseSummary();
        try
        {
            var loader = new ConfigLoader(dependencies.CloudProviders, dependencies.NetworkProviders, dependencies.HomeDirectory);
            var engine = new StatusEngine(loader, dependencies.RemoteAccess(diagnostics), new ProviderContext(dependencies.Time, dependencies.Secrets, diagnostics) { Summary = summary });
            report = await engine.RunAsync(options.Request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The engine reports its own failures; this is a bug around it.
            diagnostics.Verbose($"internal error: {ex}");
            report = StatusReport.WithoutRun(UnexpectedError.Report(ex));
        }

        summary.WriteTo(diagnostics);

        return await ReportWriter.WriteAsync(
            new RenderedReport(report.Error, report.ExitCode, () => StatusTextRenderer.Render(report), () => StatusJsonRenderer.Render(report)),
            options.Output,
            output,
            error).ConfigureAwait(false);
    }
}
