using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stagecraft.Core.Inventory;
using Stagecraft.Core.Remote;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stagecraft.Cli.Rendering.Inventory;

/// <summary>
/// <c>infra hosts --format ansible</c>: a YAML inventory (Ansible's <c>yaml</c> inventory plugin). Under <c>all</c>,
/// one group per environment whose <c>vars</c> say how to connect (user, port, key, stagecraft's known_hosts with
/// strict checking), with one child group per role, <c>&lt;env&gt;_&lt;role&gt;</c>; each host is named
/// <c>&lt;env&gt;-&lt;host&gt;</c> with <c>ansible_host</c> and <c>stagecraft_*</c> variables (mesh FQDN, private IP, region,
/// size, image, id). Group names keep to what Ansible accepts (letters, digits, <c>_</c>). Written through YamlDotNet's
/// emitter, so every value is quoted as YAML needs. Pure.
/// </summary>
internal static partial class AnsibleInventoryRenderer
{
    public static string Render(InventoryReport report, InventoryRoute route)
    {
        ArgumentNullException.ThrowIfNull(report);
        var access = report.Access ?? throw new ArgumentException("the report has no SSH settings", nameof(report));
        var hosts = InventoryTargets.Connectable(report);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.Write($"# stagecraft infra hosts --format ansible: project {report.Project}, environment {report.Environment}, via {(route == InventoryRoute.Mesh ? "mesh" : "public")}\n");
        text.Write("# Use: ansible-inventory -i <this file> --list\n");
        var emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart());
        Key(emitter, "all");
        emitter.Emit(new MappingStart());
        Key(emitter, "children");
        emitter.Emit(new MappingStart());
        Key(emitter, GroupName(report.Environment));
        emitter.Emit(new MappingStart());

        Key(emitter, "vars");
        emitter.Emit(new MappingStart());
        Pair(emitter, "ansible_user", access.User);
        Key(emitter, "ansible_port");
        emitter.Emit(new Scalar(null, null, access.Port.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
        if (access.IdentityFile is { } identity)
        {
            Pair(emitter, "ansible_ssh_private_key_file", identity);
        }

        Pair(emitter, "ansible_ssh_common_args", CommonArgs(access));
        Pair(emitter, "stagecraft_environment", report.Environment);
        Pair(emitter, "stagecraft_project", report.Project);
        emitter.Emit(new MappingEnd());

        Key(emitter, "children");
        emitter.Emit(new MappingStart());
        foreach (var role in hosts.GroupBy(h => h.Role, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Key(emitter, GroupName($"{report.Environment}_{role.Key}"));
            emitter.Emit(new MappingStart());
            Key(emitter, "hosts");
            emitter.Emit(new MappingStart());
            foreach (var host in role)
            {
                Host(emitter, host, route, access.Port);
            }

            emitter.Emit(new MappingEnd());
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>A group name Ansible accepts without warning: every other character becomes <c>_</c>, and a leading digit gets a <c>_</c> before it.</summary>
    internal static string GroupName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var cleaned = NotAWordCharacter().Replace(name, "_");
        return cleaned.Length == 0 || char.IsAsciiDigit(cleaned[0]) ? "_" + cleaned : cleaned;
    }

    private static void Host(Emitter emitter, InventoryHost host, InventoryRoute route, int port)
    {
        var existing = host.Existing!;
        Key(emitter, host.ResourceName);
        emitter.Emit(new MappingStart());
        Pair(emitter, "ansible_host", InventoryTargets.Address(host, route));
        Pair(emitter, "stagecraft_name", host.Name);
        Pair(emitter, "stagecraft_role", host.Role);
        Pair(emitter, "stagecraft_id", existing.Id);
        Pair(emitter, "stagecraft_public_ip", existing.PublicIp ?? string.Empty);
        Pair(emitter, "stagecraft_private_ip", existing.PrivateIp ?? string.Empty);
        Pair(emitter, "stagecraft_region", existing.Region);
        Pair(emitter, "stagecraft_size", existing.Size);
        Pair(emitter, "stagecraft_image", existing.Image);
        Pair(emitter, "stagecraft_mesh_fqdn", host.MeshFqdn);
        if (route == InventoryRoute.Mesh)
        {
            Pair(emitter, "ansible_ssh_extra_args", "-o HostKeyAlias=" + ShellQuoting.Quote(InventoryTargets.PinnedName(host, port)));
        }

        emitter.Emit(new MappingEnd());
    }

    /// <summary>The ssh options every host shares: stagecraft's known_hosts, strictly; and only the key file when the agent is not used.</summary>
    private static string CommonArgs(InventoryAccess access)
    {
        var args = new StringBuilder()
            .Append("-o UserKnownHostsFile=").Append(ShellQuoting.Quote(access.KnownHostsFile.Replace("%", "%%", StringComparison.Ordinal)))
            .Append(" -o StrictHostKeyChecking=yes");
        if (access.IdentityFile is not null && !access.Agent)
        {
            args.Append(" -o IdentitiesOnly=yes");
        }

        return args.ToString();
    }

    private static void Key(Emitter emitter, string key) => String(emitter, key);

    private static void Pair(Emitter emitter, string key, string value)
    {
        Key(emitter, key);
        String(emitter, value);
    }

    /// <summary>A string scalar: plain when YAML reads it back as that same string, double-quoted otherwise (numbers, booleans, null, specials).</summary>
    private static void String(Emitter emitter, string value)
    {
        var plain = SafePlain().IsMatch(value) && !Ambiguous().IsMatch(value);
        emitter.Emit(plain
            ? new Scalar(null, null, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false)
            : new Scalar(null, null, value, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true));
    }

    [GeneratedRegex("[^A-Za-z0-9_]", RegexOptions.CultureInvariant)]
    private static partial Regex NotAWordCharacter();

    /// <summary>Letters, digits and <c>._/-</c>, starting with a letter, digit or <c>/</c>: never an indicator.</summary>
    [GeneratedRegex("^[A-Za-z0-9/][A-Za-z0-9._/-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafePlain();

    /// <summary>What YAML 1.1 or 1.2 would read as something other than a string: booleans, null, numbers (IPv4 addresses are not numbers).</summary>
    [GeneratedRegex("^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|[-+]?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\\.inf|\\.nan|\\.[0-9]+)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ambiguous();
}
