namespace Stagecraft.Core.Configuration;

/// <summary>A 1-based line and column in the config file.</summary>
public readonly record struct ConfigMark(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
