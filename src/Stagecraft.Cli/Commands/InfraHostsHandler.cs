using Stagecraft.Cli.Composition;
using Stagecraft.Cli.Rendering;
using Stagecraft.Cli.Rendering.Inventory;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Inventory;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// Runs <c>infra hosts</c>: builds the read-only inventory engine, renders the report in the asked format, returns
/// the exit code. Text and JSON follow every report (error on stderr, JSON on every path). The ansible and ssh-config
/// formats put only the inventory on stdout, so <c>&gt; file</c> works: a failure leaves stdout empty, and each host
/// left out (missing, no public IPv4) is one note on stderr.
/// </summary>
internal sealed class InfraHostsHandler
{
    private readonly CliDependencies dependencies;
    private readonly TextWriter output;
    private readonly TextWriter error;

    public InfraHostsHandler(CliDependencies dependencies, TextWriter output, TextWriter error)
    {
        this.dependencies = dependencies;
        this.output = output;
        this.error = error;
    }

    public async Task<int> RunAsync(InfraHostsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IDiagnostics diagnostics = options.Verbose ? new StderrDiagnostics(error) : NullDiagnostics.Instance;
        InventoryReport report;
        var summary = new VerboseSummary();
        try
        {
            var loader = new ConfigLoader(dependencies.CloudProviders, dependencies.NetworkProviders, dependencies.HomeDirectory);
            var engine = new InventoryEngine(loader, new ProviderContext(dependencies.Time, dependencies.Secrets, diagnostics) { Summary = summary });
            report = await engine.RunAsync(options.Request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The engine reports its own failures; this is a bug around it.
            diagnostics.Verbose($"internal error: {ex}");
            report = InventoryReport.WithoutRun(UnexpectedError.Report(ex));
        }

        summary.WriteTo(diagnostics);

        return options.Format switch
        {
            InventoryFormat.Json => await WriteAsync(report, OutputFormat.Json).ConfigureAwait(false),
            InventoryFormat.Text => await WriteAsync(report, OutputFormat.Text).ConfigureAwait(false),
            _ => await WriteInventoryAsync(report, options.Format, options.Via).ConfigureAwait(false),
        };
    }

    private Task<int> WriteAsync(InventoryReport report, OutputFormat format) =>
        ReportWriter.WriteAsync(
            new RenderedReport(report.Error, report.ExitCode, () => InventoryTextRenderer.Render(report), () => InventoryJsonRenderer.Render(report)),
            format,
            output,
            error);

    private async Task<int> WriteInventoryAsync(InventoryReport report, InventoryFormat format, InventoryRoute via)
    {
        if (report.Error is { } failure)
        {
            await error.WriteAsync($"stagecraft: {failure.Message}\n").ConfigureAwait(false);
            return report.ExitCode;
        }

        string rendered;
        try
        {
            rendered = format == InventoryFormat.Ansible ? AnsibleInventoryRenderer.Render(report, via) : SshConfigRenderer.Render(report, via);
        }
        catch (Exception ex)
        {
            var bug = UnexpectedError.Report(ex);
            await error.WriteAsync($"stagecraft: {bug.Message}\n").ConfigureAwait(false);
            return bug.ExitCode;
        }

        foreach (var note in InventoryTargets.LeftOut(report))
        {
            await error.WriteAsync($"stagecraft: {note}\n").ConfigureAwait(false);
        }

        await output.WriteAsync(rendered).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
