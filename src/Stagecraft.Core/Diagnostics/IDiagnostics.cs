namespace Stagecraft.Core.Diagnostics;

/// <summary>Verbose diagnostics sink (stderr with --verbose). Never receives secrets.</summary>
public interface IDiagnostics
{
    bool IsEnabled { get; }

    void Verbose(string message);
}
