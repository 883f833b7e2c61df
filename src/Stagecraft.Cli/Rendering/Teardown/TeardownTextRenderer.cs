using System.Globalization;
using System.Text;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Teardown;

namespace Stagecraft.Cli.Rendering.Teardown;

/// <summary>
/// <c>infra down</c> as text: one row per declared host sorted by name (name, resource, id, outcome, mesh leave, pin),
/// a reason on an indented line below, then the unmanaged droplets and a one-line summary. Pure.
/// </summary>
internal static class TeardownTextRenderer
{
    public static string Render(TeardownReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builder = new StringBuilder();
        var rows = report.Hosts.Select(h => Row(h, h.Name)).Concat(report.Unmanaged.Select(h => Row(h, "unmanaged"))).ToList();
        var sources = report.Hosts.Concat(report.Unmanaged).ToList();
        if (rows.Count > 0)
        {
            var widths = Enumerable.Range(0, rows[0].Length - 1).Select(i => rows.Max(r => r[i].Length)).ToArray();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                var line = new StringBuilder();
                for (var i = 0; i < row.Length - 1; i++)
                {
                    line.Append(row[i].PadRight(widths[i])).Append("  ");
                }

                line.Append(row[^1]);
                builder.Append(line.ToString().TrimEnd()).Append('\n');
                if (sources[r].Message.Length > 0)
                {
                    builder.Append("    ").Append(sources[r].Message).Append('\n');
                }
            }
        }

        if (report.Firewall is { } firewall)
        {
            builder.Append(CultureInfo.InvariantCulture, $"firewall: {firewall.Name} {TeardownWords.Firewall(firewall.Outcome).Replace('_', ' ')}{(firewall.Message.Length > 0 ? $" ({firewall.Message})" : string.Empty)}\n");
        }

        builder.Append(Summary(report)).Append('\n');
        if (report.Error is { } error)
        {
            builder.Append(CultureInfo.InvariantCulture, $"error ({error.KindName}): exit {report.ExitCode}\n");
        }

        return builder.ToString();
    }

    private static string[] Row(TeardownHost host, string label) =>
    [
        label,
        host.ResourceName,
        host.Id.Length > 0 ? $"id {host.Id}" : "id -",
        Words(host.Outcome),
        host.Leave is { } leave ? $"mesh {Leave(leave)}" : string.Empty,
        host.Outcome == TeardownOutcome.Deleted && host.PublicIp.Length > 0 ? (host.PinRemoved ? "known_hosts pin removed" : "no known_hosts pin") : string.Empty,
    ];

    private static string Words(TeardownOutcome outcome) => outcome switch
    {
        TeardownOutcome.WouldDelete => "would delete",
        TeardownOutcome.Deleted => "deleted",
        TeardownOutcome.Failed => "failed",
        TeardownOutcome.Absent => "absent",
        TeardownOutcome.NotManaged => "not managed (left alone)",
        _ => "kept",
    };

    private static string Leave(NetworkLeave leave) => leave.Status switch
    {
        NetworkLeaveStatus.Left => "left",
        _ => $"{TeardownWords.Leave(leave.Status).Replace('_', ' ')} ({leave.Message})",
    };

    private static string Summary(TeardownReport report)
    {
        var all = report.Hosts.Concat(report.Unmanaged).ToList();
        int Count(TeardownOutcome o) => all.Count(h => h.Outcome == o);
        var environment = report.Environment.Length > 0 ? report.Environment : "-";
        var head = report.DryRun
            ? $"summary: environment {environment} (dry run): {Count(TeardownOutcome.WouldDelete)} would be deleted"
            : $"summary: environment {environment}: {Count(TeardownOutcome.Deleted)} deleted, {Count(TeardownOutcome.Failed)} failed";
        return head + string.Create(CultureInfo.InvariantCulture,
            $", {Count(TeardownOutcome.Absent)} absent, {Count(TeardownOutcome.NotManaged)} not managed, {Count(TeardownOutcome.Kept)} unmanaged kept");
    }
}
