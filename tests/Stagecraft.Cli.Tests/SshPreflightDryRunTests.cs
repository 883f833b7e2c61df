using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Stagecraft.Cli.Commands;
using Stagecraft.Cli.Composition;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Secrets;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary>
/// A dry run with the production SSH remote-access factory: its local preflight finds an unusable key, an unreachable
/// agent and an unwritable known_hosts file, each with file:line:col, and the run exits 1 with nothing applied.
/// </summary>
public sealed class SshPreflightDryRunTests : IDisposable
{
    private const string KeyPathLine = "      private_key_path: ~/.ssh/id_ed25519";
    private const string KnownHostsLine = "      known_hosts_file: ~/.config/stagecraft/known_hosts";
    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-cli-ssh-").FullName;

    [Fact]
    public async Task DryRun_WhenKeyMissingAgentUnsetAndKnownHostsUnwritable_Exits1WithEveryLocalFinding()
    {
        File.WriteAllText(Path.Combine(directory, "plain-file"), string.Empty);
        var config = SampleConfigs.FakeProviders
            .Replace(KeyPathLine, $"      agent: true\n      private_key_path: {directory}/missing-key", StringComparison.Ordinal)
            .Replace(KnownHostsLine, $"      known_hosts_file: {directory}/plain-file/known_hosts", StringComparison.Ordinal);
        var configPath = Path.Combine(directory, "stagecraft.yml");
        File.WriteAllText(configPath, config);
        var cloud = new FakeCloudProviderFactory();
        var dependencies = new CliDependencies(
            new ProviderRegistry<ICloudProviderFactory>([cloud]),
            new ProviderRegistry<INetworkProviderFactory>([new FakeNetworkProviderFactory()]),
            diagnostics => new SshRemoteAccessFactory(TimeProvider.System, diagnostics, new NoSecrets(), _ => null),
            new NoSecrets(),
            new FakeTimeProvider(),
            "/home/op");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await StagecraftCli.RunAsync(
            ["infra", "up", "--config", configPath, "--env", "staging", "--dry-run", "--output", "json"], dependencies, output, error, CancellationToken.None);

        Assert.Equal(1, exit);
        using var report = JsonDocument.Parse(output.ToString());
        var reportError = report.RootElement.GetProperty("error");
        Assert.Equal("config", reportError.GetProperty("kind").GetString());
        Assert.Equal(
            [
                $"{configPath}:25:14: infra.bootstrap.ssh.agent: is true, but SSH_AUTH_SOCK is not set: start an ssh-agent and add your key with ssh-add, or set agent: false",
                $"{configPath}:26:25: infra.bootstrap.ssh.private_key_path: cannot read private key {directory}/missing-key: file not found",
                $"{configPath}:27:25: infra.bootstrap.ssh.known_hosts_file: cannot create {directory}/plain-file/known_hosts: {directory}/plain-file is a file, not a directory",
            ],
            reportError.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()));
        Assert.All(reportError.GetProperty("findings").EnumerateArray(), f => Assert.Equal("local", f.GetProperty("scope").GetString()));
        Assert.Equal(["plan staging app-1,db-1,web-2", "preflight staging app-1,db-1,web-2"], cloud.Cloud.Calls);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed class NoSecrets : ISecretSource
    {
        public Secret? Read(string variableName) => null;
    }
}
