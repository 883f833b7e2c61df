using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Rendering;

/// <summary>
/// A command's finished report as <see cref="ReportWriter"/> needs it: its error and exit code, and how to render it
/// as text or as one JSON document. Rendering runs inside the writer, so a renderer that throws still ends in a report.
/// </summary>
internal sealed record RenderedReport(ReportError? Error, int ExitCode, Func<string> Text, Func<string> Json);
