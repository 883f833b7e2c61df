using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Cli.Composition;

/// <summary>
/// Everything the commands need from outside, built once in <c>Program.cs</c> (production) or by a test
/// (recording doubles). No container, no service locator.
/// </summary>
internal sealed record CliDependencies(
    ProviderRegistry<ICloudProviderFactory> CloudProviders,
    ProviderRegistry<INetworkProviderFactory> NetworkProviders,
    Func<IDiagnostics, IRemoteAccessFactory> RemoteAccess,
    ISecretSource Secrets,
    TimeProvider Time,
    string HomeDirectory)
{
    /// <summary>Creates the progress view for a run; the default shows nothing.</summary>
    public Func<ProgressRequest, IProgressReporter> Progress { get; init; } = _ => NullProgressReporter.Instance;

    /// <summary>The operator, for <c>infra down</c>'s typed confirmation; the default has no terminal (so only <c>--yes</c> confirms).</summary>
    public IOperatorPrompt Prompt { get; init; } = NoPrompt.Instance;
}
