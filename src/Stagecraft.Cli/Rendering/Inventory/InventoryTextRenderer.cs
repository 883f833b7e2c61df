using System.Globalization;
using System.Text;
using Stagecraft.Core.Inventory;

namespace Stagecraft.Cli.Rendering.Inventory;

/// <summary>
/// <c>infra hosts</c> as a table: a header row, one row per declared host sorted by name (<c>-</c> for what is not
/// known, <c>missing</c> for a host that does not exist), then unmanaged resources and a one-line summary. Pure.
/// </summary>
internal static class InventoryTextRenderer
{
    private static readonly string[] Header = ["HOST", "RESOURCE", "ROLE", "STATUS", "PUBLIC IP", "PRIVATE IP", "REGION", "SIZE", "IMAGE", "MESH FQDN"];

    public static string Render(InventoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builder = new StringBuilder();
        var hosts = report.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        if (hosts.Count > 0)
        {
            var rows = new List<string[]> { Header };
            rows.AddRange(hosts.Select(Row));
            var widths = Enumerable.Range(0, Header.Length - 1).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length - 1; i++)
                {
                    builder.Append(row[i].PadRight(widths[i])).Append("  ");
                }

                builder.Append(row[^1]).Append('\n');
            }
        }

        foreach (var resource in report.Unmanaged)
        {
            builder.Append(CultureInfo.InvariantCulture, $"unmanaged: {resource.Name} (id {resource.Id}) carries the environment tag but is not in the config\n");
        }

        var environment = report.Environment.Length > 0 ? report.Environment : "-";
        var existing = hosts.Count(h => h.Exists);
        builder.Append(CultureInfo.InvariantCulture, $"hosts: environment {environment}: {existing} of {hosts.Count} declared exist{(hosts.Count > existing ? $", {hosts.Count - existing} missing (stagecraft infra up creates them)" : string.Empty)}; {report.Unmanaged.Count} unmanaged\n");
        if (report.Error is { } error)
        {
            builder.Append(CultureInfo.InvariantCulture, $"error ({error.KindName}): exit {report.ExitCode}\n");
        }

        return builder.ToString();
    }

    private static string[] Row(InventoryHost host)
    {
        var existing = host.Existing;
        return
        [
            host.Name,
            host.ResourceName,
            host.Role,
            existing is null ? "missing" : Known(existing.Status),
            Known(existing?.PublicIp),
            Known(existing?.PrivateIp),
            Known(existing?.Region),
            Known(existing?.Size),
            Known(existing?.Image),
            Known(host.MeshFqdn),
        ];
    }

    private static string Known(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
