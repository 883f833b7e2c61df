using Stagecraft.Core.Providers;
using Stagecraft.Core.Secrets;
using Stagecraft.DigitalOcean;
using Stagecraft.Tailscale;

namespace Stagecraft.Cli.Composition;

/// <summary>The one composition root: registers each provider by hand.</summary>
internal static class ProductionComposition
{
    public static CliDependencies Create()
    {
        var time = TimeProvider.System;
        var secrets = new EnvironmentSecretSource();
        return new CliDependencies(
            new ProviderRegistry<ICloudProviderFactory>([new DigitalOceanProviderFactory()]),
            new ProviderRegistry<INetworkProviderFactory>([new TailscaleProviderFactory()]),
            diagnostics => new SshRemoteAccessFactory(time, diagnostics, secrets, Environment.GetEnvironmentVariable),
            secrets,
            time,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
        {
            Progress = request => ProgressView.Create(
                request,
                errorIsTerminal: !Console.IsErrorRedirected,
                noColor: !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))),
            Prompt = new ConsolePrompt(),
        };
    }
}
