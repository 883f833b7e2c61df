using Stagecraft.Core.Configuration;

namespace Stagecraft.Tailscale.Configuration;

/// <summary>Reads and validates <c>network.providers.tailscale</c>; every problem goes to the section's diagnostics.</summary>
internal static class TailscaleSettingsBinder
{
    private static readonly string[] InstallMethods = ["auto", "skip"];

    /// <summary>Always returns settings; when the diagnostics have errors the values are placeholders and must not be used.</summary>
    public static TailscaleSettings Bind(ConfigSection section)
    {
        ArgumentNullException.ThrowIfNull(section);

        var authKeyEnv = section.RequiredVariableName("auth_key_env");

        var tailnetDomain = section.RequiredString("tailnet_domain");
        if (tailnetDomain is not null && !TailscaleNames.IsValidDomain(tailnetDomain))
        {
            section.Error(
                section.Find("tailnet_domain")!.Value.Mark,
                "tailnet_domain",
                $"must be a DNS name such as example.ts.net (lowercase labels separated by dots), got '{tailnetDomain}'");
        }

        var defaultTags = section.Find("default_tags") is { } defaultEntry
            ? ReadTags(section, defaultEntry.Value, section.KeyPath("default_tags"))
            : [];
        var roleTags = ReadRoleTags(section);
        var (installMethod, minVersion) = ReadInstall(section);

        section.Complete();
        return new TailscaleSettings(authKeyEnv ?? string.Empty, tailnetDomain ?? string.Empty, defaultTags, roleTags, installMethod, minVersion);
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadRoleTags(ConfigSection section)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var roles = section.OptionalSection("role_tags");
        if (roles is null)
        {
            return result;
        }

        foreach (var entry in roles.Mapping.Entries)
        {
            roles.Accept(entry.Key);
            var keyPath = roles.KeyPath(entry.Key);
            if (!TailscaleNames.IsValidHostname(entry.Key))
            {
                roles.Diagnostics.Add(entry.KeyMark, keyPath, "role must be a DNS label (lowercase letters, digits and '-', not starting or ending with '-')");
                continue;
            }

            if (entry.Value is ConfigScalar { IsNull: true })
            {
                result[entry.Key] = [];
                continue;
            }

            result[entry.Key] = ReadTags(roles, entry.Value, keyPath);
        }

        roles.Complete();
        return result;
    }

    private static List<string> ReadTags(ConfigSection section, ConfigNode node, string keyPath)
    {
        if (node is ConfigScalar { IsNull: true })
        {
            return [];
        }

        var tags = section.StringList(node, keyPath);
        if (tags is null)
        {
            return [];
        }

        // StringList succeeded, so node is a sequence of scalars with the same count; use it for the marks.
        var items = ((ConfigSequence)node).Items;
        var valid = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            if (TailscaleNames.IsValidTag(tags[i]))
            {
                if (!valid.Contains(tags[i], StringComparer.Ordinal))
                {
                    valid.Add(tags[i]);
                }
            }
            else
            {
                section.Diagnostics.Add(items[i].Mark, $"{keyPath}[{i}]", $"'{tags[i]}' is not a valid tag: {TailscaleNames.TagRule}");
            }
        }

        return valid;
    }

    private static (TailscaleInstallMethod Method, Version? MinVersion) ReadInstall(ConfigSection section)
    {
        var install = section.OptionalSection("install");
        if (install is null)
        {
            return (TailscaleInstallMethod.Auto, null);
        }

        var method = install.OptionalEnum("method", InstallMethods) == "skip" ? TailscaleInstallMethod.Skip : TailscaleInstallMethod.Auto;
        Version? minVersion = null;
        if (install.OptionalString("min_version") is { } text)
        {
            minVersion = TailscaleVersions.ParseExact(text);
            if (minVersion is null)
            {
                install.Error(install.Find("min_version")!.Value.Mark, "min_version", $"must be a version such as 1.60.0 (got '{text}')");
            }
        }

        install.Complete();
        return (method, minVersion);
    }
}
