using Stagecraft.Cli.Composition;
using Stagecraft.Core.Configuration;

namespace Stagecraft.Cli.Completion;

/// <summary>
/// The environment names a config defines, for completing <c>--env</c>. The config is loaded and validated as every
/// command loads it (the providers' binders know where environments are declared); a config that is missing, cannot
/// be read or does not validate completes no names, and nothing is ever thrown into the shell.
/// </summary>
internal sealed class ConfiguredEnvironments
{
    private readonly CliDependencies dependencies;

    public ConfiguredEnvironments(CliDependencies dependencies) => this.dependencies = dependencies;

    /// <summary>The environment names of the config at <paramref name="path"/>, sorted ordinally; empty when it does not load.</summary>
    public IReadOnlyList<string> Read(string path)
    {
        try
        {
            var config = new ConfigLoader(dependencies.CloudProviders, dependencies.NetworkProviders, dependencies.HomeDirectory).Load(path);
            return [.. config.CloudSettings.Environments.Keys.Order(StringComparer.Ordinal)];
        }
        catch (Exception)
        {
            // A completion must not break the shell: a bad config (or a bug in reading it) suggests nothing.
            return [];
        }
    }
}
