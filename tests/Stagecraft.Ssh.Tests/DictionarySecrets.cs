using Stagecraft.Core.Secrets;

namespace Stagecraft.Ssh.Tests;

/// <summary>Secrets by variable name, standing in for the process environment.</summary>
internal sealed class DictionarySecrets(IReadOnlyDictionary<string, string> values) : ISecretSource
{
    public Secret? Read(string variableName) =>
        values.TryGetValue(variableName, out var value) && value.Length > 0 ? new Secret(value) : null;
}
