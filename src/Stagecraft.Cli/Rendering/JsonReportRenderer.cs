using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Rendering;

/// <summary>The JSON report: exactly one document, fixed field order, <c>\n</c> line endings. A pure function of the report.</summary>
internal static class JsonReportRenderer
{
    /// <summary>
    /// The report's format (docs/schema/infra-report.schema.json): raised only when a field is removed or changes
    /// meaning; new fields may appear within a version.
    /// </summary>
    public const int FormatVersion = 1;

    public static string Render(InfraUpReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format_version", FormatVersion);
            writer.WriteString("environment", report.Environment);
            writer.WriteString("cloud_provider", report.CloudProvider);
            writer.WriteString("network_provider", report.NetworkProvider);
            writer.WriteBoolean("dry_run", report.DryRun);
            writer.WriteStartArray("hosts");
            foreach (var host in report.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal))
            {
                WriteHost(writer, host);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("unmanaged");
            foreach (var resource in report.Unmanaged)
            {
                writer.WriteStartObject();
                writer.WriteString("id", resource.Id);
                writer.WriteString("name", resource.Name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteFirewall(writer, report.Firewall);
            var s = report.Summary;
            writer.WriteStartObject("summary");
            // One schema for both: on a dry run the provisioning counts are what would be done.
            writer.WriteString("counts", report.DryRun ? "planned" : "done");
            writer.WriteNumber("created", s.Created);
            writer.WriteNumber("unchanged", s.Unchanged);
            writer.WriteNumber("reconciled", s.Reconciled);
            writer.WriteNumber("drifted", s.Drifted);
            writer.WriteNumber("failed", s.Failed);
            writer.WriteNumber("bootstrap_succeeded", s.BootstrapSucceeded);
            writer.WriteNumber("bootstrap_failed", s.BootstrapFailed);
            writer.WriteNumber("bootstrap_skipped", s.BootstrapSkipped);
            writer.WriteEndObject();
            if (report.Error is { } error)
            {
                writer.WriteStartObject("error");
                writer.WriteString("kind", error.KindName);
                writer.WriteString("message", error.Message);
                writer.WriteStartArray("findings");
                foreach (var finding in error.Findings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("scope", finding.Scope switch
                    {
                        PreflightScope.Local => "local",
                        PreflightScope.Cloud => "cloud",
                        _ => "network",
                    });
                    writer.WriteString("message", finding.Message);
                    writer.WriteStartArray("hosts");
                    foreach (var host in finding.Hosts)
                    {
                        writer.WriteStringValue(host);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
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

    private static void WriteHost(Utf8JsonWriter writer, HostReport host)
    {
        writer.WriteStartObject();
        writer.WriteString("name", host.Name);
        writer.WriteString("resource_name", host.ResourceName);
        writer.WriteString("id", host.Id);
        writer.WriteString("role", host.Role);
        writer.WriteString("public_ip", host.PublicIp);
        writer.WriteString("private_ip", host.PrivateIp);
        writer.WriteString("region", host.Region);
        writer.WriteString("size", host.Size);
        writer.WriteString("image", host.Image);
        writer.WriteStartArray("tags");
        foreach (var tag in host.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteString("mesh_fqdn", host.MeshFqdn);
        writer.WriteString("provisioning", host.Provisioning);
        writer.WriteStartArray("changes");
        foreach (var change in host.Changes)
        {
            writer.WriteStringValue(PlanChangeText.Describe(change));
        }

        writer.WriteEndArray();
        writer.WriteString("reason", host.Reason);
        writer.WriteStartObject("desired");
        foreach (var attribute in host.Desired)
        {
            writer.WriteString(attribute.Name, attribute.Value);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("bootstrap");
        writer.WriteString("status", host.Bootstrap.Status switch
        {
            BootstrapStatus.Success => "success",
            BootstrapStatus.Failed => "failed",
            _ => "skipped",
        });
        writer.WriteString("error_code", host.Bootstrap.ErrorCode);
        writer.WriteString("message", host.Bootstrap.Message);
        writer.WriteStartArray("steps");
        foreach (var step in host.Bootstrap.Steps)
        {
            writer.WriteStringValue(step);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The environment's cloud firewall: name, action (dry run: create/unchanged/update), the rule diff and warnings; null when none is declared.</summary>
    private static void WriteFirewall(Utf8JsonWriter writer, FirewallChange? firewall)
    {
        if (firewall is null)
        {
            writer.WriteNull("firewall");
            return;
        }

        writer.WriteStartObject("firewall");
        writer.WriteString("name", firewall.Name);
        writer.WriteString("action", FirewallWords.Action(firewall));
        writer.WriteStartArray("rules_added");
        foreach (var rule in firewall.Added)
        {
            writer.WriteStringValue(rule.ToString());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rules_removed");
        foreach (var rule in firewall.Removed)
        {
            writer.WriteStringValue(rule.ToString());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("warnings");
        foreach (var warning in firewall.Warnings)
        {
            writer.WriteStringValue(warning);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
