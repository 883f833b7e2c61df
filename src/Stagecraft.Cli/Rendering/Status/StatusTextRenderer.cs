using System.Globalization;
using System.Text;
using Stagecraft.Core.Status;

namespace Stagecraft.Cli.Rendering.Status;

/// <summary>
/// <c>infra status</c> as text: one block per declared host sorted by name (what exists, then each check, then each
/// problem), the unmanaged resources and a one-line summary. <c>-</c> stands for what is not known. Pure.
/// </summary>
internal static class StatusTextRenderer
{
    public static string Render(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builder = new StringBuilder();
        var hosts = report.Hosts.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        foreach (var host in hosts)
        {
            WriteHost(builder, host, report);
        }

        foreach (var resource in report.Unmanaged)
        {
            builder.Append(CultureInfo.InvariantCulture, $"unmanaged: {resource.Name} (id {resource.Id}) carries the environment tag but is not in the config\n");
        }

        var environment = report.Environment.Length > 0 ? report.Environment : "-";
        var existing = hosts.Count(h => h.Exists);
        var healthy = hosts.Count(report.IsHealthy);
        builder.Append(CultureInfo.InvariantCulture, $"status: environment {environment}: {existing} of {hosts.Count} declared exist, {healthy} healthy");
        if (hosts.Count > healthy)
        {
            builder.Append(CultureInfo.InvariantCulture, $", {hosts.Count - healthy} not healthy");
        }

        builder.Append(CultureInfo.InvariantCulture, $"; {report.Unmanaged.Count} unmanaged{(report.RemoteChecked ? string.Empty : "; cloud only (--no-ssh)")}\n");
        if (report.Error is { } error)
        {
            builder.Append(CultureInfo.InvariantCulture, $"error ({error.KindName}): exit {report.ExitCode}\n");
        }

        return builder.ToString();
    }

    private static void WriteHost(StringBuilder builder, HostStatus host, StatusReport report)
    {
        var verdict = !host.Exists ? "missing" : report.IsHealthy(host) ? "healthy" : "unhealthy";
        builder.Append(CultureInfo.InvariantCulture, $"{host.Name} ({host.ResourceName}, role {host.Role}): {verdict}\n");
        if (host.Existing is { } existing)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  cloud:  id {Known(existing.Id)}, {Known(existing.Status)}, {Known(existing.Region)}, {Known(existing.Size)}, {Known(existing.Image)}; public {Known(existing.PublicIp)}, private {Known(existing.PrivateIp)}\n");
            builder.Append(CultureInfo.InvariantCulture, $"  tags:   {StatusWords.Tags(existing.Tags)}\n");
            if (report.RemoteChecked)
            {
                builder.Append(CultureInfo.InvariantCulture, $"  ssh:    {Ssh(host)}\n");
                if (report.DockerChecked)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"  docker: {Docker(host)}\n");
                }

                builder.Append(CultureInfo.InvariantCulture, $"  mesh:   {Mesh(host)}\n");
            }
        }

        foreach (var problem in StatusWords.Problems(host, report.RemoteChecked))
        {
            builder.Append(CultureInfo.InvariantCulture, $"  problem: {problem}\n");
        }
    }

    private static string Ssh(HostStatus host) => host.Ssh switch
    {
        null => "not checked",
        { Ok: true } => "ok (pinned host key)",
        var ssh => StatusWords.Check(ssh.Check).Replace('_', ' '),
    };

    private static string Docker(HostStatus host) => host.Docker switch
    {
        null => "-",
        { ServerVersion: { } version } => $"server {version}",
        _ => "no server version",
    };

    private static string Mesh(HostStatus host)
    {
        if (host.Mesh is not { } mesh)
        {
            return "-";
        }

        var state = mesh.State;
        if (state.State.Length == 0)
        {
            return "unreadable";
        }

        return $"{state.State}, tailnet {Known(state.Network)}, hostname {Known(state.HostName)}, fqdn {Known(state.Fqdn)}, tags {StatusWords.Tags(state.Tags)}, {(state.Online ? "online" : "offline")}";
    }

    private static string Known(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
