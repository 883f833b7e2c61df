using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stagecraft.Core.Teardown;

namespace Stagecraft.Cli.Rendering.Teardown;

/// <summary>
/// <c>infra down --output json</c> (docs/schema/infra-down-report.schema.json): exactly one document, fixed field
/// order, declared hosts sorted by name, unmanaged droplets by name then id, <c>\n</c> line endings.
/// </summary>
internal static class TeardownJsonRenderer
{
    public static string Render(TeardownReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format_version", JsonReportRenderer.FormatVersion);
            writer.WriteString("command", "infra down");
            writer.WriteString("project", report.Project);
            writer.WriteString("environment", report.Environment);
            writer.WriteString("cloud_provider", report.CloudProvider);
            writer.WriteString("network_provider", report.NetworkProvider);
            writer.WriteBoolean("dry_run", report.DryRun);
            WriteHosts(writer, "hosts", report.Hosts);
            WriteHosts(writer, "unmanaged", report.Unmanaged);
            if (report.Firewall is { } firewall)
            {
                writer.WriteStartObject("firewall");
                writer.WriteString("name", firewall.Name);
                writer.WriteString("outcome", TeardownWords.Firewall(firewall.Outcome));
                writer.WriteString("message", firewall.Message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("firewall");
            }

            var all = report.Hosts.Concat(report.Unmanaged).ToList();
            writer.WriteStartObject("summary");
            foreach (var outcome in Enum.GetValues<TeardownOutcome>())
            {
                writer.WriteNumber(TeardownWords.Outcome(outcome), all.Count(h => h.Outcome == outcome));
            }

            writer.WriteEndObject();
            if (report.Error is { } error)
            {
                writer.WriteStartObject("error");
                writer.WriteString("kind", error.KindName);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("error");
            }

            writer.WriteNumber("exit_code", report.ExitCode);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteHosts(Utf8JsonWriter writer, string name, IReadOnlyList<TeardownHost> hosts)
    {
        writer.WriteStartArray(name);
        foreach (var host in hosts)
        {
            writer.WriteStartObject();
            writer.WriteString("name", host.Name);
            writer.WriteString("resource_name", host.ResourceName);
            writer.WriteString("role", host.Role);
            writer.WriteString("id", host.Id);
            writer.WriteString("public_ip", host.PublicIp);
            writer.WriteString("outcome", TeardownWords.Outcome(host.Outcome));
            writer.WriteString("message", host.Message);
            if (host.Leave is { } leave)
            {
                writer.WriteStartObject("mesh_leave");
                writer.WriteString("status", TeardownWords.Leave(leave.Status));
                writer.WriteString("message", leave.Message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("mesh_leave");
            }

            writer.WriteBoolean("pin_removed", host.PinRemoved);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
