namespace Stagecraft.Core.Configuration;

public sealed class ConfigScalar : ConfigNode
{
    public ConfigScalar(ConfigMark mark, string value, bool isPlainNull)
        : base(mark)
    {
        Value = value;
        IsNull = isPlainNull;
    }

    public string Value { get; }

    /// <summary>True for an unquoted <c>~</c>, <c>null</c> or empty value.</summary>
    public bool IsNull { get; }

    public override string Kind => "a scalar";
}
