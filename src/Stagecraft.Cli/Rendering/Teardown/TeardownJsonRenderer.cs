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
        return CommandJson.Render(
            new CommandHead("infra down", report.Project, report.Environment, report.CloudProvider, report.NetworkProvider),
            report.Error,
            report.ExitCode,
            writer =>
            {
                writer.WriteBoolean("dry_run", report.DryRun);
                WriteHosts(writer, "hosts", report.Hosts);
                WriteHosts(writer, "unmanaged", report.Unmanaged);
                WriteFirewall(writer, report.Firewall);
                var all = report.Hosts.Concat(report.Unmanaged).ToList();
                writer.WriteStartObject("summary");
                foreach (var outcome in Enum.GetValues<TeardownOutcome>())
                {
                    writer.WriteNumber(TeardownWords.Outcome(outcome), all.Count(h => h.Outcome == outcome));
                }

                writer.WriteEndObject();
            });
    }

    private static void WriteFirewall(Utf8JsonWriter writer, Core.Providers.FirewallTeardown? firewall)
    {
        if (firewall is null)
        {
            writer.WriteNull("firewall");
            return;
        }

        writer.WriteStartObject("firewall");
        writer.WriteString("name", firewall.Name);
        writer.WriteString("outcome", TeardownWords.Firewall(firewall.Outcome));
        writer.WriteString("message", firewall.Message);
        writer.WriteEndObject();
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
