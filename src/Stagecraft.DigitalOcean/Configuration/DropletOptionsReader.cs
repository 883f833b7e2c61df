using System.Text;
using System.Text.RegularExpressions;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Results;

namespace Stagecraft.DigitalOcean.Configuration;

/// <summary>
/// Reads the droplet options of one level of the config — the shared <c>tags</c> and <c>user_data</c> through Core's
/// <see cref="HostKeysReader"/> (with DigitalOcean's limits), and DigitalOcean's own <c>monitoring</c>, <c>backups</c>,
/// <c>ipv6</c>, <c>vpc</c> and <c>project</c> — the section, an environment under <c>environments</c>, or a host — and resolves a host's
/// options: the host's value, else its environment's, else the section's, else off / none. A value given at a level
/// replaces the level above (tags included: a host's <c>tags</c> is its whole list of extra tags).
/// </summary>
internal static partial class DropletOptionsReader
{
    /// <summary>The largest user_data DigitalOcean accepts (64 KiB).</summary>
    internal const int MaxUserDataBytes = 64 * 1024;

    /// <summary>DigitalOcean tag names: letters, digits, <c>:</c>, <c>-</c> and <c>_</c>, at most 255 characters.</summary>
    internal const int MaxTagLength = 255;

    /// <summary>DigitalOcean's limits for the keys every provider shares (<see cref="HostKeysReader"/>).</summary>
    internal static readonly HostKeyRules Rules = new(
        "DigitalOcean",
        tag => tag.Length <= MaxTagLength && TagName().IsMatch(tag),
        $"a DigitalOcean tag name (letters, digits, ':', '-' and '_', at most {MaxTagLength} characters)",
        MaxUserDataBytes);

    public static readonly string[] Keys = ["backups", "ipv6", "monitoring", "project", "ssh_keys", "tags", "user_data", "vpc"];

    /// <summary>Reads this level's options; every problem goes to the section's diagnostics.</summary>
    public static Layer Read(ConfigSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var shared = HostKeysReader.Read(section, Rules);
        return new Layer(
            shared.Tags,
            section.OptionalBool("monitoring"),
            section.OptionalBool("backups"),
            section.OptionalBool("ipv6"),
            shared.UserData)
        {
            Vpc = ReadVpc(section),
            Project = ReadProject(section),
            SshKeys = section.OptionalStringList("ssh_keys") is { } keys ? new SetList([.. keys.Distinct(StringComparer.Ordinal)], section.KeyPath("ssh_keys")) : null,
        };
    }

    /// <summary>The host's options from its level and the levels above, nearest first.</summary>
    public static DropletOptions Resolve(params Layer?[] nearestFirst)
    {
        ArgumentNullException.ThrowIfNull(nearestFirst);
        var layers = nearestFirst.OfType<Layer>().ToList();
        var shared = SharedHostOptions.Resolve([.. layers.Select(l => new SharedHostOptions(l.Tags, l.UserData))]);
        var userData = shared.UserData;
        var vpc = layers.Select(l => l.Vpc).FirstOrDefault(v => v is not null);
        var project = layers.Select(l => l.Project).FirstOrDefault(v => v is not null);
        var sshKeys = layers.Select(l => l.SshKeys).FirstOrDefault(v => v is not null);
        return new DropletOptions
        {
            SshKeys = sshKeys?.Values ?? [],
            SshKeysKey = sshKeys?.KeyPath ?? "ssh_keys",
            Project = project?.Value,
            ProjectKey = project?.KeyPath ?? "project",
            Vpc = vpc?.Value,
            VpcKey = vpc?.KeyPath ?? "vpc",
            Tags = shared.Tags ?? [],
            Monitoring = layers.Select(l => l.Monitoring).FirstOrDefault(v => v is not null) ?? false,
            Backups = layers.Select(l => l.Backups).FirstOrDefault(v => v is not null) ?? false,
            Ipv6 = layers.Select(l => l.Ipv6).FirstOrDefault(v => v is not null) ?? false,
            UserDataPath = userData?.Path,
            UserData = userData?.Text,
        };
    }

    /// <summary><c>project</c>: the name of a DigitalOcean project (at most 175 characters) the droplets are assigned to.</summary>
    private static SetValue? ReadProject(ConfigSection section)
    {
        var value = section.OptionalString("project");
        if (value is null)
        {
            return null;
        }

        if (value.Length > 175 || value.Trim().Length != value.Length)
        {
            section.Error(section.Find("project")!.Value.Mark, "project", "must be a project name of at most 175 characters, without leading or trailing spaces");
            return null;
        }

        return new SetValue(value, section.KeyPath("project"));
    }

    /// <summary><c>vpc</c>: a VPC's name or UUID (resolved against the account by the preflight and the plan).</summary>
    private static SetValue? ReadVpc(ConfigSection section)
    {
        var value = section.OptionalString("vpc");
        if (value is null)
        {
            return null;
        }

        if (value.Length > 255 || !VpcName().IsMatch(value))
        {
            section.Error(section.Find("vpc")!.Value.Mark, "vpc", $"must be a VPC name (letters, digits, '.' and '-') or UUID, not '{value}'");
            return null;
        }

        return new SetValue(value, section.KeyPath("vpc"));
    }

    [GeneratedRegex("^[A-Za-z0-9:_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagName();

    [GeneratedRegex("^[a-zA-Z0-9.-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex VpcName();

    /// <summary>One level's options; null where the level does not set the key.</summary>
    internal sealed record Layer(IReadOnlyList<string>? Tags, bool? Monitoring, bool? Backups, bool? Ipv6, UserDataFile? UserData)
    {
        public SetValue? Vpc { get; init; }

        public SetValue? Project { get; init; }

        public SetList? SshKeys { get; init; }
    }

    /// <summary>A list and the full key path it was written at.</summary>
    internal sealed record SetList(IReadOnlyList<string> Values, string KeyPath);

    /// <summary>A value and the full key path it was written at (for a finding's blame).</summary>
    internal sealed record SetValue(string Value, string KeyPath);

}
