using Stagecraft.Core.Diagnostics;

namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>Writes an apply's progress line to a diagnostics sink, only when the sink wants it.</summary>
internal static class VerboseLog
{
    public static void Write(IDiagnostics sink, string message)
    {
        if (sink.IsEnabled)
        {
            sink.Verbose(message);
        }
    }
}
