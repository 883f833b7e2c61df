using System.Text;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Results;

namespace Stagecraft.Core.Hosts;

/// <summary>
/// The host keys every cloud provider shares, read the same way whichever provider's <c>hosts:</c> section they stand in:
/// <c>role</c> (a DNS label), <c>tags</c> (extra tags; the marker tags are refused) and <c>user_data</c> (a cloud-init
/// file relative to the config). A provider passes its own limits (tag-name rule, user_data size) and reads its own keys
/// (size, region, features …) next to these. <c>tags</c> and <c>user_data</c> may also stand at the environment and
/// section levels: <see cref="SharedHostOptions.Resolve"/> takes the nearest level that sets each.
/// </summary>
public static class HostKeysReader
{
    /// <summary><c>role</c>: required, a DNS label; null (with an error recorded) when missing or invalid.</summary>
    public static string? ReadRole(ConfigSection host, string labelRule)
    {
        ArgumentNullException.ThrowIfNull(host);
        var role = host.RequiredString("role");
        if (role is not null && !DnsLabel.IsValid(role))
        {
            host.Error(host.Find("role")!.Value.Mark, "role", labelRule);
            return null;
        }

        return role;
    }

    /// <summary>One level's shared options (<c>tags</c>, <c>user_data</c>); null where the level does not set a key.</summary>
    public static SharedHostOptions Read(ConfigSection section, HostKeyRules rules)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(rules);
        return new SharedHostOptions(ReadTags(section, rules), ReadUserData(section, rules));
    }

    private static IReadOnlyList<string>? ReadTags(ConfigSection section, HostKeyRules rules)
    {
        var tags = section.OptionalStringList("tags");
        if (tags is null)
        {
            return null;
        }

        var mark = section.Find("tags")!.Value.Mark;
        var ok = true;
        foreach (var tag in tags)
        {
            if (!rules.IsValidTag(tag))
            {
                section.Error(mark, "tags", $"'{OneLineText.Of(tag)}' is not {rules.TagRule}");
                ok = false;
            }
            else if (string.Equals(tag, ResourceNamer.ManagedTag, StringComparison.OrdinalIgnoreCase) ||
                tag.StartsWith(ResourceNamer.EnvironmentTag(string.Empty), StringComparison.OrdinalIgnoreCase))
            {
                section.Error(mark, "tags", $"'{tag}' is a marker tag stagecraft sets itself; leave it out");
                ok = false;
            }
        }

        return ok ? [.. tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : null;
    }

    /// <summary>The user_data file: relative to the config file's directory, a regular file of UTF-8 text within the provider's size limit.</summary>
    private static UserDataFile? ReadUserData(ConfigSection section, HostKeyRules rules)
    {
        var maxBytes = rules.MaxUserDataBytes;
        var value = section.OptionalPath("user_data");
        if (value is null)
        {
            return null;
        }

        var mark = section.Find("user_data")!.Value.Mark;
        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(section.Diagnostics.File)) ?? Directory.GetCurrentDirectory();
        var path = Path.GetFullPath(Path.Combine(configDirectory, value));
        if (Directory.Exists(path))
        {
            section.Error(mark, "user_data", $"{path} is a directory; give the cloud-init file");
            return null;
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                section.Error(mark, "user_data", $"no file {path} (a path relative to the config file's directory)");
                return null;
            }

            if (info.Length > maxBytes)
            {
                section.Error(mark, "user_data", $"{path} is {info.Length} bytes; {rules.Provider} accepts at most {maxBytes} ({maxBytes / 1024} KiB)");
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            section.Error(mark, "user_data", $"cannot read {path}: {OneLineText.Of(ex.Message)}");
            return null;
        }

        try
        {
            return new UserDataFile(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            section.Error(mark, "user_data", $"{path} is not UTF-8 text (the API takes user_data as a string)");
            return null;
        }
    }
}

/// <summary>A provider's limits for the shared host keys: its name (for messages), its tag-name rule (and how to say it) and its user_data size.</summary>
public sealed record HostKeyRules(string Provider, Func<string, bool> IsValidTag, string TagRule, int MaxUserDataBytes);

/// <summary>A cloud-init file as read: its full path and its text (sent verbatim).</summary>
public sealed record UserDataFile(string Path, string Text);

/// <summary>The shared options of one level (host, environment or section); null where the level does not set a key.</summary>
public sealed record SharedHostOptions(IReadOnlyList<string>? Tags, UserDataFile? UserData)
{
    public static SharedHostOptions None { get; } = new([], null);

    /// <summary>Each key from the nearest level that sets it (a level's <c>tags</c> replaces the list above).</summary>
    public static SharedHostOptions Resolve(params SharedHostOptions?[] nearestFirst)
    {
        ArgumentNullException.ThrowIfNull(nearestFirst);
        var levels = nearestFirst.OfType<SharedHostOptions>().ToList();
        return new SharedHostOptions(
            levels.Select(l => l.Tags).FirstOrDefault(t => t is not null) ?? [],
            levels.Select(l => l.UserData).FirstOrDefault(u => u is not null));
    }
}
