using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Core.Providers;

/// <summary>What the composition root hands a provider when it is created.</summary>
public sealed record ProviderContext(TimeProvider Time, ISecretSource Secrets, IDiagnostics Diagnostics)
{
    /// <summary>Where a provider adds its end-of-command diagnostics line (request counts); null when nobody writes one.</summary>
    public VerboseSummary? Summary { get; init; }
}
