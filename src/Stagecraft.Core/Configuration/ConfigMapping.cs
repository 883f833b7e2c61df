namespace Stagecraft.Core.Configuration;

public sealed class ConfigMapping : ConfigNode
{
    public ConfigMapping(ConfigMark mark, IReadOnlyList<ConfigEntry> entries)
        : base(mark)
    {
        Entries = entries;
    }

    /// <summary>Entries in file order. Duplicate keys are rejected by the parser.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    public override string Kind => "a mapping";

    public ConfigEntry? Find(string key) => Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));
}
