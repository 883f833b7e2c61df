namespace Stagecraft.Core.Configuration;

/// <summary>One configuration problem, printed as <c>file:LINE:COL: key.path: problem</c>.</summary>
public sealed record ConfigError(string File, ConfigMark Mark, string KeyPath, string Problem)
{
    public override string ToString() =>
        KeyPath.Length == 0 ? $"{File}:{Mark}: {Problem}" : $"{File}:{Mark}: {KeyPath}: {Problem}";
}
