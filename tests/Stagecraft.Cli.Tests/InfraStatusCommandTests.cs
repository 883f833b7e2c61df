using System.Text.Json;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary><c>infra status</c> in process against the recording doubles: healthy, unhealthy in every way, cloud only, failures.</summary>
public sealed class InfraStatusCommandTests
{
    private static readonly ReportSchema Schema = ReportSchema.For("docs/schema/infra-status-report.schema.json");

    /// <summary>The one remote command status runs itself (the network provider's status read is the fake's "state" call).</summary>
    private static readonly string DockerDetect = RemoteCommandRenderer.Render(DockerCommands.Detect(), userIsRoot: true);

    private static string[] Status(CliWorld world, params string[] extra) =>
        ["infra", "status", "--config", world.ConfigPath, "--env", "staging", .. extra];

    /// <summary>app-1 healthy; db-1 answers with a key that is not pinned yet; web-2 does not exist; one unmanaged droplet.</summary>
    private static CliWorld Mixed()
    {
        var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        world.Cloud.Cloud.AddExisting("staging", "db-1", "db");
        world.Cloud.Cloud.Unmanaged.Add(new UnmanagedResource("3000000009", "staging-old-1"));
        world.Remote.DockerInstalled["app-1"] = true;
        world.Remote.DockerInstalled["db-1"] = true;
        world.Network.Network.MeshTags["app-1"] = ["tag:app", "tag:stagecraft"];
        world.Remote.VerifiedFailures["db-1"] = (ConnectionCheck.NotPinned, "host key SHA256:abc of 203.0.113.11:22 is not pinned in /home/op/.config/stagecraft/known_hosts; not trusted and not pinned (read-only check): stagecraft infra up pins it on first use");
        return world;
    }

    /// <summary>Nothing mutating happened: one plan, only verify-only connections, only docker version and the mesh status read.</summary>
    private static void AssertReadOnly(CliWorld world)
    {
        Assert.All(world.Cloud.Cloud.Calls, c => Assert.StartsWith("plan ", c, StringComparison.Ordinal));
        Assert.Empty(world.Remote.ReadinessChecks);
        Assert.Empty(world.Remote.Connects);
        Assert.All(world.Remote.Commands.Values.SelectMany(q => q), c => Assert.Equal(DockerDetect, c));
        Assert.All(world.Network.Network.Calls, c => Assert.StartsWith("state ", c, StringComparison.Ordinal));
        Assert.Equal(world.Remote.SessionsOpened.Order(StringComparer.Ordinal), world.Remote.SessionsDisposed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Healthy_Exit0_EveryCheckPasses_AndNothingMutatingIsSent()
    {
        using var world = new CliWorld().WithHealthyStaging();

        var text = await world.RunAsync(Status(world));
        var json = await world.RunAsync(Status(world, "--output", "json"));

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(string.Empty, text.Error);
        Golden.Verify("status-healthy.text", text.Output);
        Assert.Equal(0, json.ExitCode);
        Golden.Verify("status-healthy.json", json.Output);
        Schema.Validate(json.Output);
        Assert.Equal(["plan staging app-1,db-1,web-2", "plan staging app-1,db-1,web-2"], world.Cloud.Cloud.Calls);
        Assert.Equal(["app-1", "app-1", "db-1", "db-1", "web-2", "web-2"], world.Remote.VerifiedConnects.Order(StringComparer.Ordinal));
        Assert.Equal([DockerDetect, DockerDetect], world.Remote.CommandsFor("app-1"));
        AssertReadOnly(world);
    }

    [Fact]
    public async Task Mixed_Exit10_MissingAndNotPinnedHostsAreUnhealthy_UnmanagedListed()
    {
        using var world = Mixed();

        var text = await world.RunAsync(Status(world));
        var json = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(10, text.ExitCode);
        Assert.Equal(string.Empty, text.Error);
        Golden.Verify("status-mixed.text", text.Output);
        Assert.Equal(10, json.ExitCode);
        Golden.Verify("status-mixed.json", json.Output);
        Schema.Validate(json.Output);
        using var document = JsonDocument.Parse(json.Output);
        var hosts = document.RootElement.GetProperty("hosts");
        Assert.Equal(["app-1", "db-1", "web-2"], hosts.EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        Assert.Equal([true, false, false], hosts.EnumerateArray().Select(h => h.GetProperty("healthy").GetBoolean()));
        Assert.Equal("not_pinned", hosts[1].GetProperty("ssh").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, hosts[1].GetProperty("docker").ValueKind);
        Assert.Equal(JsonValueKind.Null, hosts[2].GetProperty("ssh").ValueKind);
        Assert.Empty(world.Remote.CommandsFor("db-1"));
        Assert.DoesNotContain("web-2", world.Remote.VerifiedConnects);
        AssertReadOnly(world);
    }

    [Fact]
    public async Task EveryKindOfProblem_IsItsOwnLine_AndTheHostIsUnhealthy()
    {
        using var world = new CliWorld().WithHealthyStaging();
        var cloud = world.Cloud.Cloud;
        cloud.Divergence["app-1"] = (PlanAction.Drift, [new Drift("size", "s-2vcpu-4gb", "s-1vcpu-1gb"), new AddTag("stagecraft-env-staging")]);
        cloud.Divergence["web-2"] = (PlanAction.Reconcile, [new PowerOn()]);
        world.Remote.DockerInstalled.TryRemove("db-1", out _);
        world.Network.Network.MeshStates["db-1"] = new MeshState("NeedsLogin", string.Empty, "staging-db-1", string.Empty, [], false)
        {
            Problems = ["not logged in (BackendState NeedsLogin): stagecraft infra up joins it"],
        };
        world.Network.Network.MeshTags["app-1"] = ["tag:stagecraft"];

        var json = await world.RunAsync(Status(world, "--output", "json"));
        var text = await world.RunAsync(Status(world));

        Assert.Equal(10, json.ExitCode);
        Golden.Verify("status-problems.json", json.Output);
        Golden.Verify("status-problems.text", text.Output);
        Schema.Validate(json.Output);
        using var document = JsonDocument.Parse(json.Output);
        var hosts = document.RootElement.GetProperty("hosts");
        Assert.Equal(
            [
                "drift: size: expected s-2vcpu-4gb, actual s-1vcpu-1gb",
                "differs from the config: infra up would add tag stagecraft-env-staging",
                "mesh: tags tag:stagecraft, expected tag:app, tag:stagecraft",
            ],
            hosts[0].GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["docker: docker is not installed", "mesh: not logged in (BackendState NeedsLogin): stagecraft infra up joins it"], hosts[1].GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["differs from the config: infra up would power on"], hosts[2].GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("web-2", world.Remote.VerifiedConnects);
        AssertReadOnly(world);
    }

    [Theory]
    [InlineData(ConnectionCheck.Mismatch, "mismatch")]
    [InlineData(ConnectionCheck.Unreachable, "unreachable")]
    [InlineData(ConnectionCheck.AuthenticationFailed, "auth_failed")]
    public async Task SshFailure_IsTheHostsFinding_WithoutRunningAnythingOnIt(ConnectionCheck check, string state)
    {
        using var world = new CliWorld().WithHealthyStaging();
        world.Remote.VerifiedFailures["db-1"] = (check, "the connector's one-line reason");

        var (exit, output, _) = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(10, exit);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        var db = document.RootElement.GetProperty("hosts")[1];
        Assert.Equal(state, db.GetProperty("ssh").GetProperty("state").GetString());
        Assert.Equal([$"ssh {state.Replace('_', ' ')}: the connector's one-line reason"], db.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Empty(world.Remote.CommandsFor("db-1"));
        Assert.True(document.RootElement.GetProperty("hosts")[0].GetProperty("healthy").GetBoolean());
    }

    [Theory]
    [InlineData(1, "{\"Client\":{\"Version\":\"28.3.2\"},\"Server\":null}", "", "docker: the docker daemon is not running")]
    [InlineData(0, "{\"Client\":{\"Version\":\"28.3.2\"},\"Server\":null}", "", "docker: the docker daemon is not running")]
    [InlineData(127, "", "docker: command not found", "docker: docker is not installed")]
    [InlineData(1, "", "sudo: a password is required", "docker: docker version failed: exit 1: sudo: a password is required")]
    [InlineData(0, "Docker version 28.3.2", "", "docker: docker version printed no version")]
    public async Task DockerWithoutAServerVersion_SaysWhy(int exitCode, string stdout, string stderr, string problem)
    {
        using var world = new CliWorld().WithHealthyStaging();
        world.Remote.Overrides[("db-1", "docker version")] = new RemoteResult(exitCode, stdout, stderr);

        var (exit, output, _) = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(10, exit);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        var db = document.RootElement.GetProperty("hosts")[1];
        Assert.Equal(JsonValueKind.Null, db.GetProperty("docker").GetProperty("server_version").ValueKind);
        Assert.Equal([problem], db.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task NoSsh_IsTheCloudOnlyView_NoRemoteAccessAtAll()
    {
        using var world = new CliWorld().WithHealthyStaging();

        var text = await world.RunAsync(Status(world, "--no-ssh"));
        var json = await world.RunAsync(Status(world, "--no-ssh", "-o", "json"));

        Assert.Equal(0, text.ExitCode);
        Golden.Verify("status-no-ssh.text", text.Output);
        Assert.Equal(0, json.ExitCode);
        Schema.Validate(json.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("checks").GetProperty("ssh").GetBoolean());
        Assert.All(document.RootElement.GetProperty("hosts").EnumerateArray(), h => Assert.Equal(JsonValueKind.Null, h.GetProperty("ssh").ValueKind));
        Assert.Equal(0, world.Remote.VerifyOnlyCreated);
        Assert.Null(world.Remote.Settings);
        Assert.Empty(world.Remote.SessionsOpened);
        Assert.Empty(world.Network.Network.Calls);
    }

    [Fact]
    public async Task NoSsh_MissingHost_Exit10()
    {
        using var world = Mixed();

        var (exit, _, _) = await world.RunAsync(Status(world, "--no-ssh"));

        Assert.Equal(10, exit);
    }

    [Fact]
    public async Task DockerDisabled_IsNotChecked()
    {
        using var world = new CliWorld(CliWorld.Config.Replace("enabled: true", "enabled: false", StringComparison.Ordinal)).WithHealthyStaging();
        world.Remote.DockerInstalled.Clear();

        var (exit, output, _) = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(0, exit);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        Assert.False(document.RootElement.GetProperty("checks").GetProperty("docker").GetBoolean());
        Assert.Empty(world.Remote.Commands);
    }

    [Fact]
    public async Task Json_TwoRunsOnTheSameStateAreByteIdentical()
    {
        using var world = Mixed();

        var first = await world.RunAsync(Status(world, "-o", "json"));
        var second = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task BugWhileCheckingOneHost_IsThatHostsProblem_TheOthersAreStillChecked()
    {
        using var world = new CliWorld().WithHealthyStaging();
        world.Network.Network.Throws.Set("state db-1", new InvalidOperationException("mesh reader broke"));

        var (exit, output, _) = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(10, exit);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        var hosts = document.RootElement.GetProperty("hosts");
        Assert.Equal(
            ["internal error (a bug; run again with --verbose and report it): InvalidOperationException: mesh reader broke"],
            hosts[1].GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.True(hosts[0].GetProperty("healthy").GetBoolean());
        Assert.True(hosts[2].GetProperty("healthy").GetBoolean());
        Assert.Equal(world.Remote.SessionsOpened.Order(StringComparer.Ordinal), world.Remote.SessionsDisposed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CloudFailure_Exit2_JsonIsStillOneDocument()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.PlanFailure = new CloudProviderException("digitalocean: GET /v2/droplets: 401 Unauthorized: check the token");

        var (exit, output, error) = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(2, exit);
        Assert.Equal("stagecraft: digitalocean: GET /v2/droplets: 401 Unauthorized: check the token\n", error);
        Golden.Verify("status-cloud-failure.json", output);
        Schema.Validate(output);
        Assert.Empty(world.Remote.VerifiedConnects);
    }

    [Fact]
    public async Task ConfigError_Exit1_NamesTheProblem()
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("infra", "status", "--config", world.ConfigPath, "--env", "nope", "-o", "json");

        Assert.Equal(1, exit);
        Schema.Validate(output);
        Assert.Contains("unknown environment 'nope'", error, StringComparison.Ordinal);
        Assert.Empty(world.Cloud.Cloud.Calls);
    }

    [Fact]
    public async Task UnusableLoginKey_Exit1()
    {
        using var world = new CliWorld().WithHealthyStaging();
        world.Remote.CreateFailure = new Core.Configuration.ConfigException("stagecraft.yml:22:25: infra.bootstrap.ssh.private_key_path: /home/op/.ssh/id_ed25519 does not exist");

        var (exit, output, error) = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(1, exit);
        Schema.Validate(output);
        Assert.Contains("private_key_path", error, StringComparison.Ordinal);
        Assert.Empty(world.Cloud.Cloud.Calls);
    }

    [Fact]
    public async Task NetworkProviderThatCannotStart_Exit3()
    {
        using var world = new CliWorld();
        world.Network.CreateFailure = new InvalidOperationException("tailnet settings unreadable");

        var (exit, output, _) = await world.RunAsync(Status(world, "-o", "json"));

        Assert.Equal(3, exit);
        Schema.Validate(output);
        Assert.Contains("fakenet provider: cannot start: tailnet settings unreadable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageError_WithOutputJson_IsOneStatusDocument()
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("infra", "status", "--config", world.ConfigPath, "-o", "json", "--bogus");

        Assert.Equal(1, exit);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("infra status", document.RootElement.GetProperty("command").GetString());
        Assert.Equal("usage", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("stagecraft infra status --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupted_Exit130_StillOneDocument()
    {
        using var world = Mixed();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var (exit, output, error) = await world.RunAsync(cancelled.Token, Status(world, "-o", "json"));

        Assert.Equal(130, exit);
        Schema.Validate(output);
        Assert.Contains("interrupted", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptedWhileCheckingHosts_ReportsTheHostsWithTheChecksDoneSoFar()
    {
        using var world = new CliWorld().WithHealthyStaging();
        using var cancel = new CancellationTokenSource();
        world.Remote.OnVerify = name =>
        {
            if (name == "db-1")
            {
                cancel.Cancel();
            }
        };

        var (exit, output, error) = await world.RunAsync(cancel.Token, Status(world, "-o", "json"));

        Assert.Equal(130, exit);
        Schema.Validate(output);
        Assert.Contains("interrupted", error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output);
        var hosts = document.RootElement.GetProperty("hosts");
        Assert.Equal(3, hosts.GetArrayLength());
        Assert.Equal("ok", hosts[0].GetProperty("ssh").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, hosts[1].GetProperty("ssh").ValueKind);
        Assert.Equal(["ssh: not checked (interrupted)"], hosts[1].GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(world.Remote.SessionsOpened.Order(StringComparer.Ordinal), world.Remote.SessionsDisposed.Order(StringComparer.Ordinal));
    }
}
