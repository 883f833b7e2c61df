using System.Globalization;
using System.Text;
using Stagecraft.Core.Inventory;

namespace Stagecraft.Cli.Rendering.Inventory;

/// <summary>
/// <c>infra hosts --format ssh-config</c>: an ssh_config(5) file, one <c>Host &lt;env&gt;-&lt;host&gt;</c> block per
/// host that exists, sorted by host name, for <c>ssh -F &lt;file&gt; staging-app-1</c>. Connections use the config's user,
/// port and key and are checked against stagecraft's known_hosts with <c>StrictHostKeyChecking yes</c>; over the mesh,
/// <c>HostKeyAlias</c> points the check at the key pinned for the public address. An agent-only config has no
/// <c>IdentityFile</c>. A key file without the agent adds <c>IdentitiesOnly yes</c>, so ssh offers that key and no other,
/// as stagecraft does. Values are quoted and <c>%</c> is doubled where ssh would expand it. Pure.
/// </summary>
internal static class SshConfigRenderer
{
    public static string Render(InventoryReport report, InventoryRoute route)
    {
        ArgumentNullException.ThrowIfNull(report);
        var access = report.Access ?? throw new ArgumentException("the report has no SSH settings", nameof(report));
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"# stagecraft infra hosts --format ssh-config: project {report.Project}, environment {report.Environment}, via {(route == InventoryRoute.Mesh ? "mesh" : "public")}\n");
        builder.Append("# Use: ssh -F <this file> <host>. Host keys are checked against stagecraft's known_hosts pins.\n");
        foreach (var host in InventoryTargets.Connectable(report))
        {
            builder.Append('\n');
            builder.Append(CultureInfo.InvariantCulture, $"# {host.Name} (role {host.Role}, id {host.Existing!.Id})\n");
            builder.Append("Host ").Append(Value(host.ResourceName, expandsTokens: false)).Append('\n');
            Line(builder, "HostName", Value(InventoryTargets.Address(host, route), expandsTokens: true));
            if (route == InventoryRoute.Mesh)
            {
                Line(builder, "HostKeyAlias", Value(InventoryTargets.PinnedName(host, access.Port), expandsTokens: false));
            }

            Line(builder, "User", Value(access.User, expandsTokens: false));
            Line(builder, "Port", access.Port.ToString(CultureInfo.InvariantCulture));
            if (access.IdentityFile is { } identity)
            {
                Line(builder, "IdentityFile", Value(identity, expandsTokens: true));
                if (!access.Agent)
                {
                    Line(builder, "IdentitiesOnly", "yes");
                }
            }

            Line(builder, "UserKnownHostsFile", Value(access.KnownHostsFile, expandsTokens: true));
            Line(builder, "StrictHostKeyChecking", "yes");
        }

        return builder.ToString();
    }

    private static void Line(StringBuilder builder, string keyword, string value) => builder.Append("  ").Append(keyword).Append(' ').Append(value).Append('\n');

    /// <summary>
    /// One argument as ssh_config reads it: <c>%</c> doubled where ssh expands tokens, and double quotes (with
    /// <c>\"</c> and <c>\\</c>) around a value with spaces, quotes, backslashes or <c>#</c>.
    /// </summary>
    internal static string Value(string value, bool expandsTokens)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = expandsTokens ? value.Replace("%", "%%", StringComparison.Ordinal) : value;
        if (text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or '#'))
        {
            return text;
        }

        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
