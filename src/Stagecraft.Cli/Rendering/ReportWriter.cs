using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Rendering;

/// <summary>
/// Writes a report: its error as one line on stderr, the report on stdout (with <c>--output json</c> exactly one
/// document on every path). Returns the exit code. A renderer that throws still ends in one internal-error report.
/// </summary>
internal static class ReportWriter
{
    public static Task<int> WriteAsync(InfraUpReport report, OutputFormat format, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(report);
        return WriteAsync(new RenderedReport(report.Error, report.ExitCode, () => TextReportRenderer.Render(report), () => JsonReportRenderer.Render(report)), format, output, error);
    }

    /// <summary>
    /// Any command's report: the error (if any) as one line on stderr, then the rendering <paramref name="format"/> asks
    /// for on stdout; a text report is left out after a config error (the error says it all), JSON never is.
    /// </summary>
    public static async Task<int> WriteAsync(RenderedReport report, OutputFormat format, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string rendered;
        try
        {
            rendered = format == OutputFormat.Json ? report.Json() : report.Text();
        }
        catch (Exception ex)
        {
            return await WriteFailureAsync(UnexpectedError.Report(ex), format, output, error).ConfigureAwait(false);
        }

        if (report.Error is { } failure)
        {
            await error.WriteAsync($"stagecraft: {failure.Message}\n").ConfigureAwait(false);
        }

        if (format == OutputFormat.Json || report.Error?.Kind != ReportErrorKind.Config)
        {
            await output.WriteAsync(rendered).ConfigureAwait(false);
        }

        // Flushed even after Ctrl-C: the partial report must reach stdout.
        await output.FlushAsync().ConfigureAwait(false);
        return report.ExitCode;
    }

    /// <summary>A failure before (or outside) a run: one line on stderr; with JSON also a report without hosts.</summary>
    /// <param name="json">The command's JSON document for a failure; null for the <c>infra up</c> report.</param>
    public static async Task<int> WriteFailureAsync(ReportError failure, OutputFormat format, TextWriter output, TextWriter error, Func<ReportError, string>? json = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await error.WriteAsync($"stagecraft: {failure.Message}\n").ConfigureAwait(false);
        if (format == OutputFormat.Json)
        {
            await output.WriteAsync(json is null ? JsonReportRenderer.Render(InfraUpReport.WithoutRun(failure)) : json(failure)).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }

        return failure.ExitCode;
    }
}
