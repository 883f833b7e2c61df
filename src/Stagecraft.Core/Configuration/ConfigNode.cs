namespace Stagecraft.Core.Configuration;

/// <summary>A YAML-independent config tree node with its place in the file.</summary>
public abstract class ConfigNode
{
    protected ConfigNode(ConfigMark mark)
    {
        Mark = mark;
    }

    public ConfigMark Mark { get; }

    /// <summary>What this node is, for messages: "a mapping", "a list", "a scalar".</summary>
    public abstract string Kind { get; }
}
