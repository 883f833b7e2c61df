using Stagecraft.Core.Testing;
using System.Text.Json;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Remote;

namespace Stagecraft.Cli.Tests;

public sealed class InfraUpCommandTests
{
    [Fact]
    public async Task InfraUp_FreshEnvironment_CreatesBootstrapsAndPrintsGoldenText()
    {
        using var world = new CliWorld();

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Golden.Verify("fresh.text", output);
        Assert.Equal(["plan staging app-1,db-1,web-2", "preflight staging app-1,db-1,web-2", "apply staging app-1:Create,db-1:Create,web-2:Create"], world.Cloud.Cloud.Calls);
        Assert.Equal(["join app-1 tag:app,tag:stagecraft", "join db-1 tag:db,tag:stagecraft", "join web-2 tag:app,tag:stagecraft"], world.Network.Network.Calls.Where(c => c.StartsWith("join", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InfraUp_Json_IsOneDocumentMatchingGolden()
    {
        using var world = new CliWorld();

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", "json");

        Assert.Equal(0, exit);
        Golden.Verify("fresh.json", output);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(3, document.RootElement.GetProperty("hosts").GetArrayLength());
    }

    [Fact]
    public async Task InfraUp_SecondRun_IsUnchangedAndByteIdentical()
    {
        using var world = new CliWorld();
        await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");

        var second = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");
        var third = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(second.Output, third.Output);
        Golden.Verify("rerun.text", second.Output);
        Assert.Equal("apply staging app-1:Unchanged,db-1:Unchanged,web-2:Unchanged", world.Cloud.Cloud.Calls[^1]);
    }

    [Fact]
    public async Task InfraUp_MixedStates_ReportReconciledDriftedUnmanagedAndFailures()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        world.Cloud.Cloud.AddExisting("staging", "db-1", "db");
        world.Cloud.Cloud.Divergence["app-1"] = (PlanAction.Reconcile, [new AddTag("stagecraft"), new PowerOn()]);
        world.Cloud.Cloud.Divergence["db-1"] = (PlanAction.Drift, [new Drift("size", "s-4vcpu-8gb", "s-2vcpu-4gb")]);
        world.Cloud.Cloud.Unmanaged.Add(new UnmanagedResource("3000000009", "staging-old-1"));
        world.Remote.Overrides[("web-2", "docker-ce")] = new RemoteResult(100, string.Empty, "E: Unable to locate package docker-ce\n");

        var text = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");
        var json = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", "json");

        Assert.Equal(10, text.ExitCode);
        Golden.Verify("mixed.text", text.Output);
        Golden.Verify("mixed.json", json.Output);
    }

    [Fact]
    public async Task InfraUp_DryRun_PlansOnlyAndNeverConnects()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--dry-run", "--output", "json");

        Assert.Equal(0, exit);
        Golden.Verify("dry-run.json", output);
        Assert.Equal(["plan staging app-1,db-1,web-2", "preflight staging db-1,web-2"], world.Cloud.Cloud.Calls);
        Assert.Empty(world.Remote.ReadinessChecks);
        Assert.Null(world.Remote.Settings);
    }

    [Fact]
    public async Task InfraUp_NoBootstrap_ProvisionsButNeverConnects()
    {
        using var world = new CliWorld();

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--no-bootstrap");

        Assert.Equal(0, exit);
        Assert.Contains("summary: environment staging: 3 created, 0 unchanged, 0 reconciled, 0 drifted; bootstrap: 0 succeeded, 0 failed, 3 skipped", output, StringComparison.Ordinal);
        Assert.Empty(world.Remote.ReadinessChecks);
    }

    [Fact]
    public async Task InfraUp_ConfigError_Exits1WithPlaceOnStderrAndNothingPlanned()
    {
        using var world = new CliWorld(CliWorld.Config.Replace("  name: shop", "  name: shop\n  owner: me", StringComparison.Ordinal));

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"stagecraft: {world.ConfigPath}:3:3: project.owner: unknown key (expected one of: name)\n", error);
        Assert.Empty(world.Cloud.Cloud.Calls);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task InfraUp_SecretPastedIntoAnEnvKey_IsAConfigErrorThatNeverShowsIt(string format)
    {
        const string Secret = FakeTokens.DigitalOcean;
        using var world = new CliWorld(CliWorld.Config.Replace(
            "      private_key_path: ~/.ssh/id_ed25519",
            $"      private_key_path: ~/.ssh/id_ed25519\n      private_key_passphrase_env: {Secret}",
            StringComparison.Ordinal));

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", format);

        Assert.Equal(1, exit);
        Assert.DoesNotContain(Secret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("dop_v1_", output + error, StringComparison.Ordinal);
        var message = $"{world.ConfigPath}:26:35: infra.bootstrap.ssh.private_key_passphrase_env: looks like a secret, not the name of an environment variable";
        if (format == "json")
        {
            using var document = JsonDocument.Parse(output);
            Assert.Equal("config", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
            Assert.StartsWith(message, document.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith($"stagecraft: {message}", error, StringComparison.Ordinal);
        }

        Assert.Empty(world.Cloud.Cloud.Calls);
    }

    [Fact]
    public async Task InfraUp_TabIndentation_IsBlamedAtTheTabsLineAndColumn()
    {
        using var world = new CliWorld(CliWorld.Config.Replace("    ssh:\n      user: root", "    ssh:\n\tuser: root", StringComparison.Ordinal));

        var (exit, _, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(1, exit);
        Assert.Equal($"stagecraft: {world.ConfigPath}:23:1: YAML syntax error: a tab is used for indentation; YAML indents with spaces only\n", error);
    }

    [Fact]
    public async Task InfraUp_ConfigErrorAsJson_IsStillOneDocument()
    {
        using var world = new CliWorld();

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--output", "json");

        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("config", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal($"{world.ConfigPath}: several environments are defined (prod, staging); choose one with --env", document.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task InfraUp_UnknownEnvironment_Exits1ListingKnown()
    {
        using var world = new CliWorld();

        var (exit, _, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "qa");

        Assert.Equal(1, exit);
        Assert.Equal($"stagecraft: {world.ConfigPath}: unknown environment 'qa' (defined: prod, staging)\n", error);
    }

    [Fact]
    public async Task InfraUp_SshKeyUnusable_Exits1BeforeAnyCloudCall()
    {
        using var world = new CliWorld();
        world.Remote.CreateFailure = new ConfigException("infra.bootstrap.ssh.private_key_path: cannot read private key /home/op/.ssh/id_ed25519: file not found");

        var (exit, _, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "prod");

        Assert.Equal(1, exit);
        Assert.Equal("stagecraft: infra.bootstrap.ssh.private_key_path: cannot read private key /home/op/.ssh/id_ed25519: file not found\n", error);
        Assert.Empty(world.Cloud.Cloud.Calls);
    }

    [Fact]
    public async Task InfraUp_CloudFailure_Exits2WithKnownHosts()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        world.Cloud.Cloud.ApplyFailure = new CloudProviderException("fakecloud provider: creating this/these droplet(s) will exceed your droplet limit; not created: db-1, web-2");

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", "json");

        Assert.Equal(2, exit);
        Assert.Equal("stagecraft: fakecloud provider: creating this/these droplet(s) will exceed your droplet limit; not created: db-1, web-2\n", error);
        Golden.Verify("cloud-failure.json", output);
    }

    [Fact]
    public async Task InfraUp_ProviderCannotStart_Exits2()
    {
        using var world = new CliWorld();
        world.Cloud.CreateFailure = new CloudProviderException("fakecloud provider: API token missing from environment variable DO_TOKEN");

        var (exit, _, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "prod");

        Assert.Equal(2, exit);
        Assert.Equal("stagecraft: fakecloud provider: API token missing from environment variable DO_TOKEN\n", error);
    }

    [Fact]
    public async Task InfraUp_NetworkProviderCannotStart_Exits3()
    {
        using var world = new CliWorld();
        world.Network.CreateFailure = new InvalidOperationException("no mesh today");

        var (exit, _, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "prod");

        Assert.Equal(3, exit);
        Assert.Equal("stagecraft: fakenet provider: cannot start: no mesh today\n", error);
    }

    [Fact]
    public async Task InfraUp_Interrupted_Exits130WithPartialReport()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        using var cts = new CancellationTokenSource();
        world.Cloud.Cloud.OnApply = cts.Cancel;

        var (exit, output, error) = await world.RunAsync(cts.Token, "infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", "json");

        Assert.Equal(130, exit);
        Assert.Equal("stagecraft: interrupted: nothing new was started; run the same command again to converge\n", error);
        Golden.Verify("interrupted.json", output);
    }

    [Fact]
    public async Task InfraUp_InterruptedAfterSomeCreates_ReportsWhatExistsNow()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        using var cts = new CancellationTokenSource();
        world.Cloud.Cloud.OnApply = () =>
        {
            world.Cloud.Cloud.AddExisting("staging", "db-1", "db");
            cts.Cancel();
        };

        var (exit, output, _) = await world.RunAsync(cts.Token, "infra", "up", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(130, exit);
        Assert.Equal(
            """
            app-1  staging-app-1  id 2147483701  ip 203.0.113.10  unchanged  bootstrap skipped
            db-1   staging-db-1   id 2147483702  ip 203.0.113.11  created    bootstrap skipped
            web-2  staging-web-2  id -           ip -             failed     bootstrap skipped
              reason: interrupted before it was created
            summary: environment staging: 1 created, 1 unchanged, 0 reconciled, 0 drifted, 1 failed; bootstrap: 0 succeeded, 0 failed, 3 skipped
            error (interrupted): exit 130

            """,
            output);
        Assert.Equal("plan staging app-1,db-1,web-2", world.Cloud.Cloud.Calls[^1]);
    }

    [Fact]
    public async Task InfraUp_EveryBootstrapErrorCode_IsReported()
    {
        using var world = new CliWorld();
        world.Remote.NotReady["app-1"] = "no SSH on 203.0.113.10:22 after 5m: connection refused";
        world.Remote.Overrides[("db-1", "os-release")] = new RemoteResult(0, "ID=alpine\nVERSION_ID=3.20\n", string.Empty);
        world.Network.Network.JoinResults["web-2"] = StepResult.Fail("network_join_failed", "host is in tailnet other.ts.net, expected example.ts.net");

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(10, exit);
        Golden.Verify("bootstrap-failures.text", output);
    }

    [Fact]
    public async Task InfraUp_BadOption_IsAUsageError()
    {
        using var world = new CliWorld();

        var (exit, _, error) = await world.RunAsync("infra", "up", "--output", "yaml");

        Assert.Equal(1, exit);
        Assert.Contains("yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfraUp_ParallelismOutOfRange_IsRejected()
    {
        using var world = new CliWorld();

        var (exit, _, error) = await world.RunAsync("infra", "up", "--parallelism", "0");

        Assert.Equal(1, exit);
        Assert.Equal("stagecraft: --parallelism must be a whole number from 1 to 512, not '0' (see stagecraft infra up --help)\n", error);
    }

    [Fact]
    public async Task Help_ShowsAnExample()
    {
        using var world = new CliWorld();

        var (exit, output, _) = await world.RunAsync("infra", "up", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("stagecraft infra up --config stagecraft.yml --env staging", output, StringComparison.Ordinal);
        Assert.Contains("--parallelism", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallelism_IsPassedToBootstrap()
    {
        using var world = new CliWorld();

        var (exit, _, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "-p", "1");

        Assert.Equal(0, exit);
        Assert.Equal(["app-1", "db-1", "web-2"], world.Remote.ReadinessChecks);
    }

    [Fact]
    public async Task Verbose_WritesDiagnosticsToStderrOnly()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.OnApply = () => world.Cloud.LastContext!.Diagnostics.Verbose("POST /v2/droplets -> 202");

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "prod", "--verbose");

        Assert.Equal(0, exit);
        Assert.Equal("verbose: POST /v2/droplets -> 202\n", error);
        Assert.DoesNotContain("verbose", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_WritesTheProvidersSummaryLineLastOnStderrOnly()
    {
        using var world = new CliWorld();
        var counted = 0;
        world.Cloud.Cloud.OnApply = () =>
        {
            world.Cloud.LastContext!.Summary!.Add(() => $"digitalocean: {counted} API requests (0 refused with 429): create droplets {counted}");
            counted = 5; // asked for only at the end, so it counts until then
            world.Cloud.LastContext.Diagnostics.Verbose("POST /v2/droplets -> 202");
        };

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "prod", "--verbose");
        var (quietExit, _, quietError) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "prod");

        Assert.Equal(0, exit);
        Assert.Equal("verbose: POST /v2/droplets -> 202\nverbose: digitalocean: 5 API requests (0 refused with 429): create droplets 5\n", error);
        Assert.DoesNotContain("API requests", output, StringComparison.Ordinal);
        Assert.Equal(0, quietExit);
        Assert.Equal(string.Empty, quietError);
    }
}
