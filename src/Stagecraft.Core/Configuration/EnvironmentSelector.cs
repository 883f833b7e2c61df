namespace Stagecraft.Core.Configuration;

/// <summary>Picks the environment: the one named by --env, or the only one defined.</summary>
public static class EnvironmentSelector
{
    public static string Select(StagecraftConfig config, string? requested)
    {
        ArgumentNullException.ThrowIfNull(config);
        var known = config.CloudSettings.Environments.Keys.Order(StringComparer.Ordinal).ToList();
        var list = string.Join(", ", known);
        if (requested is null)
        {
            return known.Count == 1
                ? known[0]
                : throw new ConfigException($"{config.File}: several environments are defined ({list}); choose one with --env");
        }

        return known.Contains(requested, StringComparer.Ordinal)
            ? requested
            : throw new ConfigException($"{config.File}: unknown environment '{requested}' (defined: {list})");
    }
}
