using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Core.Providers;

/// <summary>What the composition root hands a provider when it is created.</summary>
public sealed record ProviderContext(TimeProvider Time, ISecretSource Secrets, IDiagnostics Diagnostics);
