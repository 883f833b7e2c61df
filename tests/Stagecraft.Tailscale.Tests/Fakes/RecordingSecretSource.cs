using Stagecraft.Core.Secrets;

namespace Stagecraft.Tailscale.Tests.Fakes;

/// <summary>Secrets by variable name; records every read. With <c>throwOnRead</c> any read fails the test.</summary>
internal sealed class RecordingSecretSource : ISecretSource
{
    private readonly Dictionary<string, string> values;
    private readonly bool throwOnRead;
    private readonly List<string> reads = [];

    public RecordingSecretSource(Dictionary<string, string>? values = null, bool throwOnRead = false)
    {
        this.values = values ?? [];
        this.throwOnRead = throwOnRead;
    }

    public IReadOnlyList<string> Reads => reads;

    public Secret? Read(string variableName)
    {
        reads.Add(variableName);
        if (throwOnRead)
        {
            throw new InvalidOperationException($"secret {variableName} must not be read here");
        }

        return values.TryGetValue(variableName, out var value) ? new Secret(value) : null;
    }
}
