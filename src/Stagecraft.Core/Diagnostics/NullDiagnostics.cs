namespace Stagecraft.Core.Diagnostics;

public sealed class NullDiagnostics : IDiagnostics
{
    public static NullDiagnostics Instance { get; } = new();

    public bool IsEnabled => false;

    public void Verbose(string message)
    {
    }
}
