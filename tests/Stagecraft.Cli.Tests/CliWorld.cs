using Microsoft.Extensions.Time.Testing;
using Stagecraft.Cli.Commands;
using Stagecraft.Cli.Composition;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Secrets;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary>The CLI in process with recording doubles of every port and a config file in a temp dir.</summary>
internal sealed class CliWorld : IDisposable
{
    public const string Config = SampleConfigs.FakeProviders;

    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-cli-").FullName;

    public CliWorld(string? config = null)
    {
        ConfigPath = Path.Combine(directory, "stagecraft.yml");
        File.WriteAllText(ConfigPath, config ?? Config);
    }

    public string ConfigPath { get; }

    public FakeCloudProviderFactory Cloud { get; } = new();

    public FakeNetworkProviderFactory Network { get; } = new();

    public FakeRemote Remote { get; } = new();

    /// <summary>Replaces the progress view (default: none).</summary>
    public Func<ProgressRequest, IProgressReporter>? Progress { get; set; }

    /// <summary>The operator at a terminal (default: none, so only --yes confirms a teardown).</summary>
    public IOperatorPrompt? Prompt { get; set; }

    public CliDependencies Dependencies => new(
        new ProviderRegistry<ICloudProviderFactory>([Cloud]),
        new ProviderRegistry<INetworkProviderFactory>([Network]),
        _ => Remote,
        new DictionarySecretSource(),
        new FakeTimeProvider(),
        "/home/op")
    {
        Progress = Progress ?? (_ => NullProgressReporter.Instance),
        Prompt = Prompt ?? NoPrompt.Instance,
    };

    /// <summary>
    /// Makes every staging host of the sample config exist and healthy for <c>infra status</c>: created in name order
    /// (app-1, db-1, web-2: 203.0.113.10-12), Docker running, on the mesh with its expected tags.
    /// </summary>
    public CliWorld WithHealthyStaging()
    {
        foreach (var (name, role, tags) in (ReadOnlySpan<(string, string, string[])>)[("app-1", "app", ["tag:app", "tag:stagecraft"]), ("db-1", "db", ["tag:db", "tag:stagecraft"]), ("web-2", "app", ["tag:app", "tag:stagecraft"])])
        {
            Cloud.Cloud.AddExisting("staging", name, role);
            Remote.DockerInstalled[name] = true;
            Network.Network.MeshTags[name] = tags;
        }

        return this;
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        await RunAsync(CancellationToken.None, args);

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StagecraftCli.RunAsync(args, Dependencies, output, error, cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed class DictionarySecretSource : ISecretSource
    {
        public Secret? Read(string variableName) => null;
    }
}
