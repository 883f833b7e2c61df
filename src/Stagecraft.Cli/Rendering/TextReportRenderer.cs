using System.Globalization;
using System.Text;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Rendering;

/// <summary>
/// The text report: one line per host sorted by name, each starting with the host name (a failed host's reason on an
/// indented line below it, so a long reason never widens the columns), then unmanaged resources and a one-line
/// summary. A pure function of the report: no clock, no culture, <c>\n</c> endings.
/// </summary>
internal static class TextReportRenderer
{
    public static string Render(InfraUpReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builder = new StringBuilder();
        var hosts = report.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var rows = hosts
            .Select(h => new[]
            {
                h.Name,
                h.ResourceName,
                "id " + (h.Id.Length > 0 ? h.Id : "-"),
                "ip " + (h.PublicIp.Length > 0 ? h.PublicIp : "-"),
                Provisioning(h),
                Bootstrap(h.Bootstrap),
            })
            .ToList();
        if (rows.Count > 0)
        {
            var widths = Enumerable.Range(0, rows[0].Length - 1).Select(i => rows.Max(r => r[i].Length)).ToArray();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                for (var i = 0; i < row.Length - 1; i++)
                {
                    builder.Append(row[i].PadRight(widths[i])).Append("  ");
                }

                builder.Append(row[^1]).Append('\n');
                if (hosts[r].Reason.Length > 0)
                {
                    builder.Append("  reason: ").Append(hosts[r].Reason).Append('\n');
                }
            }
        }

        foreach (var resource in report.Unmanaged)
        {
            builder.Append(CultureInfo.InvariantCulture, $"unmanaged: {resource.Name} (id {resource.Id}) carries the environment tag but is not in the config; left untouched\n");
        }

        if (report.Firewall is { } firewall)
        {
            builder.Append(CultureInfo.InvariantCulture, $"firewall: {firewall.Name} {FirewallWords.Action(firewall)}\n");
            foreach (var rule in firewall.Added)
            {
                builder.Append("  + ").Append(rule.ToString()).Append('\n');
            }

            foreach (var rule in firewall.Removed)
            {
                builder.Append("  - ").Append(rule.ToString()).Append('\n');
            }

            foreach (var warning in firewall.Warnings)
            {
                builder.Append("  warning: ").Append(warning).Append('\n');
            }
        }

        var s = report.Summary;
        var verb = report.DryRun ? "plan" : "summary";
        var environment = report.Environment.Length > 0 ? report.Environment : "-";
        builder.Append(CultureInfo.InvariantCulture, $"{verb}: environment {environment}: {s.Created} {(report.DryRun ? "to create" : "created")}, {s.Unchanged} unchanged, {s.Reconciled} {(report.DryRun ? "to reconcile" : "reconciled")}, {s.Drifted} drifted{(s.Failed > 0 ? $", {s.Failed} failed" : string.Empty)}; bootstrap: {s.BootstrapSucceeded} succeeded, {s.BootstrapFailed} failed, {s.BootstrapSkipped} skipped\n");
        if (report.Error is { } error)
        {
            builder.Append(CultureInfo.InvariantCulture, $"error ({error.KindName}): exit {report.ExitCode}\n");
        }

        return builder.ToString();
    }

    private static string Provisioning(HostReport host)
    {
        var details = host.Changes.Select(PlanChangeText.Describe)
            .Concat(host.Desired.Select(a => $"{a.Name} {a.Value}"))
            .ToList();
        return details.Count > 0 ? $"{host.Provisioning} ({string.Join("; ", details)})" : host.Provisioning;
    }

    private static string Bootstrap(BootstrapOutcome outcome) => outcome.Status switch
    {
        BootstrapStatus.Success when outcome.Steps.Count > 0 => $"bootstrap success ({string.Join("; ", outcome.Steps)})",
        BootstrapStatus.Success => "bootstrap success",
        BootstrapStatus.Skipped => "bootstrap skipped",
        _ => $"bootstrap failed {outcome.ErrorCode}: {outcome.Message}",
    };
}
