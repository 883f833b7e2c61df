using System.Globalization;
using Stagecraft.Cli.Composition;
using Stagecraft.Cli.Rendering;
using Stagecraft.Cli.Rendering.Teardown;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;
using Stagecraft.Core.Teardown;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// Runs <c>infra down</c>: refuses at once (exit 1, no request) without <c>--yes</c>, <c>--dry-run</c> or a terminal to
/// confirm on; otherwise builds the teardown engine, whose confirmation shows the plan on stderr and asks for the
/// environment name, and renders the report (text or JSON, on every path) with its exit code.
/// </summary>
internal sealed class InfraDownHandler
{
    internal const string RefusalMessage =
        "infra down deletes droplets: pass --yes to confirm, or run it on a terminal to type the environment name " +
        "(--dry-run lists what would go); nothing was deleted";

    private readonly CliDependencies dependencies;
    private readonly TextWriter output;
    private readonly TextWriter error;

    public InfraDownHandler(CliDependencies dependencies, TextWriter output, TextWriter error)
    {
        this.dependencies = dependencies;
        this.output = output;
        this.error = error;
    }

    public async Task<int> RunAsync(InfraDownOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IDiagnostics diagnostics = options.Verbose ? new StderrDiagnostics(error) : NullDiagnostics.Instance;
        var request = options.Request;
        if (!request.DryRun && !request.Confirmed && !dependencies.Prompt.IsInteractive)
        {
            // Like any bad command line: one line on stderr (and, with JSON, one document); no report.
            return await ReportWriter.WriteFailureAsync(
                new ReportError(ReportErrorKind.Usage, RefusalMessage),
                options.Output,
                output,
                error,
                failure => TeardownJsonRenderer.Render(TeardownReport.WithoutRun(failure))).ConfigureAwait(false);
        }

        TeardownReport report;
        var summary = new VerboseSummary();
        try
        {
            var loader = new ConfigLoader(dependencies.CloudProviders, dependencies.NetworkProviders, dependencies.HomeDirectory);
            var engine = new TeardownEngine(
                loader,
                dependencies.RemoteAccess(diagnostics),
                new ProviderContext(dependencies.Time, dependencies.Secrets, diagnostics) { Summary = summary },
                new TypedConfirmation(dependencies.Prompt, error));
            report = await engine.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The engine reports its own failures; this is a bug around it.
            diagnostics.Verbose($"internal error: {ex}");
            report = TeardownReport.WithoutRun(UnexpectedError.Report(ex));
        }

        summary.WriteTo(diagnostics);

        return await ReportWriter.WriteAsync(
            new RenderedReport(report.Error, report.ExitCode, () => TeardownTextRenderer.Render(report), () => TeardownJsonRenderer.Render(report)),
            options.Output,
            output,
            error).ConfigureAwait(false);
    }

    /// <summary>Shows the plan on stderr and asks for the environment name; only that exact name confirms.</summary>
    private sealed class TypedConfirmation : ITeardownConfirmation
    {
        private readonly IOperatorPrompt prompt;
        private readonly TextWriter error;

        public TypedConfirmation(IOperatorPrompt prompt, TextWriter error)
        {
            this.prompt = prompt;
            this.error = error;
        }

        public async Task<bool> ConfirmAsync(TeardownReport plan, CancellationToken cancellationToken)
        {
            var count = plan.Hosts.Concat(plan.Unmanaged).Count(h => h.Outcome == TeardownOutcome.WouldDelete);
            await error.WriteAsync(TeardownTextRenderer.Render(plan)).ConfigureAwait(false);
            var answer = await prompt.AskAsync(
                string.Create(CultureInfo.InvariantCulture, $"Delete {count} droplet{(count == 1 ? string.Empty : "s")} of environment {plan.Environment}? Type the environment name to confirm: "),
                cancellationToken).ConfigureAwait(false);
            return string.Equals(answer?.Trim(), plan.Environment, StringComparison.Ordinal);
        }
    }
}
