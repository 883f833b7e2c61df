using Stagecraft.Core.Secrets;

namespace Stagecraft.DigitalOcean.Tests.Support;

internal sealed class FakeSecretSource(IReadOnlyDictionary<string, string> values) : ISecretSource
{
    public Secret? Read(string variableName) =>
        values.TryGetValue(variableName, out var value) && value.Length > 0 ? new Secret(value) : null;
}
