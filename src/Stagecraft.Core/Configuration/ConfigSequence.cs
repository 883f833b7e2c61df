namespace Stagecraft.Core.Configuration;

public sealed class ConfigSequence : ConfigNode
{
    public ConfigSequence(ConfigMark mark, IReadOnlyList<ConfigNode> items)
        : base(mark)
    {
        Items = items;
    }

    public IReadOnlyList<ConfigNode> Items { get; }

    public override string Kind => "a list";
}
