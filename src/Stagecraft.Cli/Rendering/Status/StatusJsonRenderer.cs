using System.Text.Json;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Status;

namespace Stagecraft.Cli.Rendering.Status;

/// <summary>
/// <c>infra status --output json</c> (docs/schema/infra-status-report.schema.json): exactly one document, fixed field
/// order, hosts sorted by name, <c>\n</c> line endings. The host fields start with the ones the <c>infra hosts</c>
/// report has; a check that did not run is <c>null</c>.
/// </summary>
internal static class StatusJsonRenderer
{
    public static string Render(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hosts = report.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        return CommandJson.Render(
            new CommandHead("infra status", report.Project, report.Environment, report.CloudProvider, report.NetworkProvider),
            report.Error,
            report.ExitCode,
            writer =>
            {
                writer.WriteStartObject("checks");
                writer.WriteBoolean("ssh", report.RemoteChecked);
                writer.WriteBoolean("docker", report.DockerChecked);
                writer.WriteBoolean("mesh", report.RemoteChecked);
                writer.WriteEndObject();
                writer.WriteStartArray("hosts");
                foreach (var host in hosts)
                {
                    WriteHost(writer, host, report);
                }

                writer.WriteEndArray();
                CommandJson.WriteUnmanaged(writer, report.Unmanaged);
                writer.WriteStartObject("summary");
                writer.WriteNumber("declared", hosts.Count);
                writer.WriteNumber("existing", hosts.Count(h => h.Exists));
                writer.WriteNumber("healthy", hosts.Count(report.IsHealthy));
                writer.WriteNumber("unmanaged", report.Unmanaged.Count);
                writer.WriteEndObject();
            });
    }

    private static void WriteHost(Utf8JsonWriter writer, HostStatus host, StatusReport report)
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
        Strings(writer, "tags", existing?.Tags ?? []);
        writer.WriteString("mesh_fqdn", host.MeshFqdn);
        writer.WriteString("plan", StatusWords.Plan(host.Action));
        writer.WriteStartArray("drift");
        foreach (var drift in host.Changes.OfType<Drift>())
        {
            writer.WriteStartObject();
            writer.WriteString("field", drift.Field);
            writer.WriteString("expected", drift.Expected);
            writer.WriteString("actual", drift.Actual);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Strings(writer, "reconcile", [.. host.Changes.Where(c => c is not Drift).Select(PlanChangeText.Describe)]);
        if (host.Ssh is { } ssh)
        {
            writer.WriteStartObject("ssh");
            writer.WriteString("state", StatusWords.Check(ssh.Check));
            writer.WriteString("message", ssh.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("ssh");
        }

        if (host.Docker is { } docker)
        {
            writer.WriteStartObject("docker");
            writer.WriteString("server_version", docker.ServerVersion);
            writer.WriteString("message", docker.Problem ?? string.Empty);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("docker");
        }

        if (host.Mesh is { } mesh)
        {
            writer.WriteStartObject("mesh");
            writer.WriteString("state", mesh.State.State);
            writer.WriteString("tailnet", mesh.State.Network);
            writer.WriteString("hostname", mesh.State.HostName);
            writer.WriteString("fqdn", mesh.State.Fqdn);
            Strings(writer, "tags", mesh.State.Tags);
            Strings(writer, "expected_tags", mesh.ExpectedTags);
            writer.WriteBoolean("online", mesh.State.Online);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("mesh");
        }

        writer.WriteBoolean("healthy", report.IsHealthy(host));
        Strings(writer, "problems", StatusWords.Problems(host, report.RemoteChecked));
        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
