using Stagecraft.Core.Configuration;
using Stagecraft.DigitalOcean.Configuration;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>Binds YAML text as the <c>cloud.providers.digitalocean</c> section.</summary>
internal static class ConfigText
{
    public const string File = "stagecraft.yml";

    public static (DigitalOceanSettings Settings, IReadOnlyList<string> Errors) Bind(string yaml) => Bind(yaml, File);

    /// <summary>As <see cref="Bind(string)"/>, for a config at <paramref name="file"/> (paths in it resolve against its directory).</summary>
    public static (DigitalOceanSettings Settings, IReadOnlyList<string> Errors) Bind(string yaml, string file)
    {
        var diagnostics = new ConfigDiagnostics(file);
        var root = YamlConfigParser.Parse(yaml, diagnostics) as ConfigMapping
            ?? throw new InvalidOperationException("test YAML must be a mapping: " + string.Join("; ", diagnostics.Errors));
        var section = new ConfigSection(root, "cloud.providers.digitalocean", diagnostics, "/home/test");
        var settings = (DigitalOceanSettings)new DigitalOceanProviderFactory().Bind(section);
        return (settings, [.. diagnostics.Errors.Select(e => e.ToString())]);
    }

    public static DigitalOceanSettings BindValid(string yaml)
    {
        var (settings, errors) = Bind(yaml);
        Assert.Empty(errors);
        return settings;
    }
}
