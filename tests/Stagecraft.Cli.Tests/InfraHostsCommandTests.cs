using System.Text.Json;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary><c>infra hosts</c> in process against the recording doubles: every format, left-out hosts, failures.</summary>
public sealed class InfraHostsCommandTests
{
    private static readonly ReportSchema Schema = ReportSchema.For("docs/schema/infra-hosts-report.schema.json");

    /// <summary>app-1 and db-1 exist, web-2 does not; one unmanaged droplet carries the environment tag.</summary>
    private static CliWorld Mixed(string? config = null)
    {
        var world = new CliWorld(config);
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        world.Cloud.Cloud.AddExisting("staging", "db-1", "db");
        world.Cloud.Cloud.Unmanaged.Add(new UnmanagedResource("3000000009", "staging-old-1"));
        return world;
    }

    [Fact]
    public async Task Text_ListsEveryDeclaredHostSortedWithMissingOnesAndReadsOnly()
    {
        using var world = Mixed();

        var (exit, output, error) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Golden.Verify("hosts-mixed.text", output);
        Assert.Equal(["plan staging app-1,db-1,web-2"], world.Cloud.Cloud.Calls);
        Assert.Empty(world.Remote.Commands);
    }

    [Fact]
    public async Task Json_IsOneDocumentWithTheHostModelMatchingTheSchema()
    {
        using var world = Mixed();

        var (exit, output, _) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "json");

        Assert.Equal(0, exit);
        Golden.Verify("hosts-mixed.json", output);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        var hosts = document.RootElement.GetProperty("hosts");
        Assert.Equal(["app-1", "db-1", "web-2"], hosts.EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        Assert.False(hosts[2].GetProperty("exists").GetBoolean());
    }

    [Fact]
    public async Task Json_TwoRunsOnTheSameStateAreByteIdentical()
    {
        using var world = Mixed();

        var first = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "-f", "json");
        var second = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "-f", "json");

        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Ansible_HoldsOnlyTheInventoryOnStdoutAndNamesLeftOutHostsOnStderr()
    {
        using var world = Mixed();

        var (exit, output, error) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ansible");

        Assert.Equal(0, exit);
        Golden.Verify("hosts-mixed.ansible", output);
        Assert.Equal("stagecraft: web-2 (staging-web-2) does not exist; left out of the inventory: stagecraft infra up --env staging creates it\n", error);
    }

    [Fact]
    public async Task SshConfig_OneHostBlockPerExistingHostWithPinsAndStrictChecking()
    {
        using var world = Mixed();

        var (exit, output, error) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ssh-config");

        Assert.Equal(0, exit);
        Golden.Verify("hosts-mixed.ssh-config", output);
        Assert.Contains("web-2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SshConfig_ViaMesh_ConnectsToTheMeshNameAndChecksTheKeyPinnedForThePublicAddress()
    {
        using var world = Mixed(CliWorld.Config.Replace("port: 22", "port: 2222", StringComparison.Ordinal));

        var (exit, output, _) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ssh-config", "--via", "mesh");

        Assert.Equal(0, exit);
        Golden.Verify("hosts-mesh.ssh-config", output);
    }

    [Fact]
    public async Task Ansible_ViaMesh_SetsTheHostKeyAliasPerHost()
    {
        using var world = Mixed();

        var (exit, output, _) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ansible", "--via", "mesh");

        Assert.Equal(0, exit);
        Assert.Contains("ansible_host: staging-app-1.example.ts.net\n", output, StringComparison.Ordinal);
        Assert.Contains("ansible_ssh_extra_args: \"-o HostKeyAlias=203.0.113.10\"\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentOnlyConfig_LeavesOutTheIdentityFile()
    {
        var config = CliWorld.Config.Replace("private_key_path: ~/.ssh/id_ed25519", "agent: true", StringComparison.Ordinal);
        using var world = Mixed(config);

        var ssh = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ssh-config");
        var ansible = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ansible");
        var json = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "json");

        Assert.Equal(0, ssh.ExitCode);
        Assert.DoesNotContain("IdentityFile", ssh.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("IdentitiesOnly", ssh.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("private_key_file", ansible.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("IdentitiesOnly", ansible.Output, StringComparison.Ordinal);
        Schema.Validate(json.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("ssh").GetProperty("identity_file").ValueKind);
        Assert.True(document.RootElement.GetProperty("ssh").GetProperty("agent").GetBoolean());
    }

    [Fact]
    public async Task PathsWithSpacesAndPercentSigns_AreQuotedAsEachFormatNeeds()
    {
        var config = CliWorld.Config
            .Replace("private_key_path: ~/.ssh/id_ed25519", "private_key_path: \"~/my keys/id 100%\"", StringComparison.Ordinal)
            .Replace("user: root", "user: \"no\"", StringComparison.Ordinal);
        using var world = Mixed(config);

        var ssh = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ssh-config");
        var ansible = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ansible");

        Assert.Equal(0, ssh.ExitCode);
        Assert.Contains("  IdentityFile \"/home/op/my keys/id 100%%\"\n", ssh.Output, StringComparison.Ordinal);
        Assert.Contains("  User no\n", ssh.Output, StringComparison.Ordinal);
        Assert.Contains("ansible_user: \"no\"\n", ansible.Output, StringComparison.Ordinal);
        Assert.Contains("ansible_ssh_private_key_file: \"/home/op/my keys/id 100%\"\n", ansible.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostWithoutPublicIp_IsListedButLeftOutOfExportedInventories()
    {
        using var world = new CliWorld();
        var host = world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        world.Cloud.Cloud.Existing[host.ResourceName] = host with { PublicIp = null, Status = "new" };

        var text = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging");
        var ssh = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ssh-config");

        Assert.Contains("app-1  staging-app-1  app ", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Host staging-app-1", ssh.Output, StringComparison.Ordinal);
        Assert.Contains("stagecraft: app-1 (staging-app-1) has no public IPv4 yet (status new); left out of the inventory: run stagecraft infra up --env staging\n", ssh.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudFailure_Exit2_ExportFormatsLeaveStdoutEmpty_JsonIsStillOneDocument()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.PlanFailure = new CloudProviderException("digitalocean: GET /v2/droplets: 401 Unauthorized: check the token");

        var ansible = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ansible");
        var json = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "json");

        Assert.Equal(2, ansible.ExitCode);
        Assert.Equal(string.Empty, ansible.Output);
        Assert.Equal("stagecraft: digitalocean: GET /v2/droplets: 401 Unauthorized: check the token\n", ansible.Error);
        Assert.Equal(2, json.ExitCode);
        Golden.Verify("hosts-cloud-failure.json", json.Output);
        Schema.Validate(json.Output);
    }

    [Fact]
    public async Task ConfigError_Exit1_NamesTheProblem()
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "nope", "--format", "ssh-config");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("unknown environment 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkProviderThatCannotStart_Exit3()
    {
        using var world = new CliWorld();
        world.Network.CreateFailure = new InvalidOperationException("tailnet settings unreadable");

        var (exit, output, _) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "json");

        Assert.Equal(3, exit);
        Schema.Validate(output);
        Assert.Contains("fakenet provider: cannot start: tailnet settings unreadable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageError_WithFormatJson_IsOneInventoryDocument()
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("infra", "hosts", "--config", world.ConfigPath, "--format", "json", "--via", "carrier-pigeon");

        Assert.Equal(1, exit);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("usage", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("stagecraft infra hosts --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupted_Exit130_NothingOnStdoutForAnExportFormat()
    {
        using var world = Mixed();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var (exit, output, error) = await world.RunAsync(cancelled.Token, "infra", "hosts", "--config", world.ConfigPath, "--env", "staging", "--format", "ssh-config");

        Assert.Equal(130, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("interrupted", error, StringComparison.Ordinal);
    }
}
