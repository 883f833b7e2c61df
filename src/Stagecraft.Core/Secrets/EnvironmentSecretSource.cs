namespace Stagecraft.Core.Secrets;

/// <summary>The production secret source: the process environment, read only for a name the config gives.</summary>
public sealed class EnvironmentSecretSource : ISecretSource
{
    public Secret? Read(string variableName)
    {
        var value = Environment.GetEnvironmentVariable(variableName);
        return string.IsNullOrEmpty(value) ? null : new Secret(value);
    }
}
