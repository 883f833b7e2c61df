using System.Text.Json;
using Stagecraft.Core.Inventory;

namespace Stagecraft.Cli.Rendering.Inventory;

/// <summary>
/// <c>infra hosts --format json</c> (docs/schema/infra-hosts-report.schema.json): exactly one document, fixed field
/// order, hosts sorted by name, <c>\n</c> line endings. The host fields are the ones the <c>infra up</c> report has.
/// </summary>
internal static class InventoryJsonRenderer
{
    public static string Render(InventoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CommandJson.Render(
            new CommandHead("infra hosts", report.Project, report.Environment, report.CloudProvider, report.NetworkProvider),
            report.Error,
            report.ExitCode,
            writer =>
            {
                WriteAccess(writer, report.Access);
                writer.WriteStartArray("hosts");
                foreach (var host in report.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal))
                {
                    WriteHost(writer, host);
                }

                writer.WriteEndArray();
                CommandJson.WriteUnmanaged(writer, report.Unmanaged);
            });
    }

    private static void WriteAccess(Utf8JsonWriter writer, InventoryAccess? access)
    {
        if (access is null)
        {
            writer.WriteNull("ssh");
            return;
        }

        writer.WriteStartObject("ssh");
        writer.WriteString("user", access.User);
        writer.WriteNumber("port", access.Port);
        writer.WriteString("identity_file", access.IdentityFile);
        writer.WriteBoolean("agent", access.Agent);
        writer.WriteString("known_hosts_file", access.KnownHostsFile);
        writer.WriteEndObject();
    }

    private static void WriteHost(Utf8JsonWriter writer, InventoryHost host)
    {
        var existing = host.Existing;
        writer.WriteStartObject();
        writer.WriteString("name", host.Name);
        writer.WriteString("resource_name", host.ResourceName);
        writer.WriteString("role", host.Role);
        writer.WriteBoolean("exists", host.Exists);
        writer.WriteString("id", existing?.Id ?? string.Empty);
        writer.WriteString("status", existing?.Status ?? string.Empty);
        writer.WriteString("public_ip", existing?.PublicIp ?? string.Empty);
        writer.WriteString("private_ip", existing?.PrivateIp ?? string.Empty);
        writer.WriteString("region", existing?.Region ?? string.Empty);
        writer.WriteString("size", existing?.Size ?? string.Empty);
        writer.WriteString("image", existing?.Image ?? string.Empty);
        writer.WriteStartArray("tags");
        foreach (var tag in existing?.Tags ?? [])
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteString("mesh_fqdn", host.MeshFqdn);
        writer.WriteEndObject();
    }
}
