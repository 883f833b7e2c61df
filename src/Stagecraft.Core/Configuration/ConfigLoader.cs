using System.Text.RegularExpressions;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;

namespace Stagecraft.Core.Configuration;

/// <summary>
/// Loads and validates <c>stagecraft.yml</c>: the common keys here, each provider's own section through its
/// registered factory. Every error is collected; the result is a <see cref="StagecraftConfig"/> or a
/// <see cref="ConfigException"/> listing them all with file:line:col.
/// </summary>
public sealed partial class ConfigLoader
{
    private readonly ProviderRegistry<ICloudProviderFactory> cloudProviders;
    private readonly ProviderRegistry<INetworkProviderFactory> networkProviders;
    private readonly string homeDirectory;

    public ConfigLoader(ProviderRegistry<ICloudProviderFactory> cloudProviders, ProviderRegistry<INetworkProviderFactory> networkProviders, string homeDirectory)
    {
        this.cloudProviders = cloudProviders;
        this.networkProviders = networkProviders;
        this.homeDirectory = homeDirectory;
    }

    public StagecraftConfig Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > YamlConfigParser.MaxBytes)
            {
                throw new ConfigException($"{path}: file is larger than {YamlConfigParser.MaxBytes / 1024} KiB");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read config file: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    public StagecraftConfig Parse(string text, string file)
    {
        var diagnostics = new ConfigDiagnostics(file);
        var root = YamlConfigParser.Parse(text, diagnostics);
        if (root is null)
        {
            diagnostics.ThrowIfAny();
            throw new ConfigException($"{file}: file is empty");
        }

        if (root is not ConfigMapping mapping)
        {
            diagnostics.Add(root.Mark, string.Empty, $"the file must be a mapping of sections (project, cloud, network, infra), not {root.Kind}");
            diagnostics.ThrowIfAny();
            throw new ConfigException();
        }

        var top = new ConfigSection(mapping, string.Empty, diagnostics, homeDirectory);
        var projectName = ReadProject(top);
        var (cloudFactory, cloudSettings) = ReadProviderBlock(top, "cloud", cloudProviders, (f, s) => f.Bind(s));
        var (networkFactory, networkSettings) = ReadProviderBlock(top, "network", networkProviders, (f, s) => f.Bind(s));
        var bootstrap = ReadInfra(top);
        top.Complete();
        diagnostics.ThrowIfAny();

        return new StagecraftConfig(file, projectName!, cloudFactory!, cloudSettings!, networkFactory!, networkSettings!, bootstrap)
        {
            KnownKeys = diagnostics.KnownKeys,
        };
    }

    private static string? ReadProject(ConfigSection top)
    {
        var project = top.RequiredSection("project");
        if (project is null)
        {
            return null;
        }

        var name = project.RequiredString("name");
        if (name is not null && !DnsLabel.IsValid(name))
        {
            project.Error(project.Find("name")!.Value.Mark, "name", "must be a DNS label (lowercase letters, digits and '-', at most 63 characters)");
        }

        project.Complete();
        return name;
    }

    private static (TFactory? Factory, TSettings? Settings) ReadProviderBlock<TFactory, TSettings>(
        ConfigSection top, string key, ProviderRegistry<TFactory> registry, Func<TFactory, ConfigSection, TSettings> bind)
        where TFactory : class, IProviderRegistration
        where TSettings : class
    {
        var block = top.RequiredSection(key);
        if (block is null)
        {
            return (null, null);
        }

        var known = string.Join(", ", registry.Ids);
        var providerId = block.RequiredString("provider");
        TFactory? factory = null;
        if (providerId is not null)
        {
            factory = registry.Find(providerId);
            if (factory is null)
            {
                block.Error(block.Find("provider")!.Value.Mark, "provider", $"unknown provider '{providerId}' (known: {known})");
            }
        }

        TSettings? settings = null;
        var providers = block.RequiredSection("providers");
        if (providers is not null)
        {
            foreach (var entry in providers.Mapping.Entries)
            {
                providers.Accept(entry.Key);
                if (registry.Find(entry.Key) is null)
                {
                    providers.Error(entry.KeyMark, entry.Key, $"unknown provider '{entry.Key}' (known: {known})");
                }
            }

            if (factory is not null)
            {
                var entry = providers.Mapping.Find(factory.Id);
                if (entry is null)
                {
                    providers.Error(providers.Mark, factory.Id, $"is required: settings for the selected provider '{factory.Id}'");
                }
                else if (providers.Child(entry.Value, providers.KeyPath(factory.Id)) is { } section)
                {
                    settings = bind(factory, section);
                }
            }

            providers.Complete();
        }

        block.Complete();
        return (factory, settings);
    }

    private BootstrapSettings ReadInfra(ConfigSection top)
    {
        var defaults = new BootstrapSettings(
            new SshSettings("root", 22, Path.Combine(homeDirectory, ".ssh", "id_ed25519"), Path.Combine(homeDirectory, ".config", "stagecraft", "known_hosts"), TimeSpan.FromMinutes(5)),
            new DockerSettings(true, DockerInstallMethod.Apt));
        var infra = top.OptionalSection("infra");
        if (infra is null)
        {
            return defaults;
        }

        var bootstrap = infra.OptionalSection("bootstrap");
        infra.Complete();
        if (bootstrap is null)
        {
            return defaults;
        }

        var ssh = defaults.Ssh;
        if (bootstrap.OptionalSection("ssh") is { } sshSection)
        {
            var user = sshSection.OptionalString("user");
            if (user is not null && !UserName().IsMatch(user))
            {
                sshSection.Error(sshSection.Find("user")!.Value.Mark, "user", "must be a POSIX user name (lowercase letters, digits, '_' and '-', starting with a letter or '_')");
                user = null;
            }

            var agent = sshSection.OptionalBool("agent") ?? false;

            var passphraseEnv = sshSection.OptionalVariableName("private_key_passphrase_env");
            var keyPath = ReadPath(sshSection, "private_key_path");
            ssh = new SshSettings(
                user ?? ssh.User,
                sshSection.OptionalInt("port", 1, 65535) ?? ssh.Port,
                keyPath ?? (agent ? null : ssh.PrivateKeyPath),
                ReadPath(sshSection, "known_hosts_file") ?? ssh.KnownHostsFile,
                sshSection.OptionalDuration("ready_timeout") ?? ssh.ReadyTimeout,
                sshSection.OptionalDuration("command_timeout") ?? ssh.CommandTimeout,
                agent,
                passphraseEnv)
            {
                Places = PlacesOf(sshSection, ["agent", "private_key_path", "private_key_passphrase_env", "known_hosts_file"]),
            };
            sshSection.Complete();
        }

        var docker = defaults.Docker;
        if (bootstrap.OptionalSection("docker") is { } dockerSection)
        {
            var method = dockerSection.OptionalEnum("install_method", ["apt", "script", "skip"]);
            docker = new DockerSettings(
                dockerSection.OptionalBool("enabled") ?? docker.Enabled,
                method switch
                {
                    "script" => DockerInstallMethod.Script,
                    "skip" => DockerInstallMethod.Skip,
                    _ => DockerInstallMethod.Apt,
                });
            dockerSection.Complete();
        }

        bootstrap.Complete();
        return new BootstrapSettings(ssh, docker);
    }

    /// <summary>Where each of <paramref name="keys"/> that is set in <paramref name="section"/> was written (its value).</summary>
    private static ConfigPlaces PlacesOf(ConfigSection section, string[] keys) =>
        new(section.Diagnostics.File, section.ValueMarks(keys).ToDictionary(StringComparer.Ordinal));

    private static string? ReadPath(ConfigSection section, string key)
    {
        var path = section.OptionalPath(key);
        if (path is not null && path.Any(char.IsControl))
        {
            section.Error(section.Find(key)!.Value.Mark, key, "must not contain control characters");
            return null;
        }

        return path;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();
}
