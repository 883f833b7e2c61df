using Stagecraft.Cli.Composition;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Bootstrap;
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
        IProgressReporter? progress = null;
        InfraUpReport? report = null;
        ReportError? failure = null;
        var summary = new VerboseSummary();
        try
        {
            var loader = new ConfigLoader(dependencies.CloudProviders, dependencies.NetworkProviders, dependencies.HomeDirectory);
            var context = new ProviderContext(dependencies.Time, dependencies.Secrets, diagnostics) { Summary = summary };
            progress = dependencies.Progress(new ProgressRequest(options.Output == OutputFormat.Json, error));
            var engine = new InfraUpEngine(loader, dependencies.RemoteAccess(diagnostics), context, progress);
            report = await engine.RunAsync(options.Request, cancellationToken).ConfigureAwait(false);
            (progress as IFinalProgress)?.Finish(report);
        }
        catch (Exception ex)
        {
            // The engine reports its own failures; this is a bug around it (composition, progress view).
            diagnostics.Verbose($"internal error: {ex}");
            failure = UnexpectedError.Report(ex);
        }
        finally
        {
            Dispose(progress, diagnostics);
            summary.WriteTo(diagnostics);
        }

        return report is not null
            ? await ReportWriter.WriteAsync(report, options.Output, output, error).ConfigureAwait(false)
            : await ReportWriter.WriteFailureAsync(failure!, options.Output, output, error).ConfigureAwait(false);
    }

    /// <summary>Progress never affects the report: a view that fails to stop is only mentioned with --verbose.</summary>
    private static void Dispose(IProgressReporter? progress, IDiagnostics diagnostics)
    {
        try
        {
            (progress as IDisposable)?.Dispose();
        }
        catch (Exception ex)
        {
            diagnostics.Verbose($"progress view: {UnexpectedError.Describe(ex)}");
        }
    }
}
