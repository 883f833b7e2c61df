using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Results;
using Stagecraft.Core.Secrets;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Engine;

public sealed class InfraUpEngineTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-engine-").FullName;
    private readonly FakeCloudProviderFactory cloud = new();
    private readonly FakeNetworkProviderFactory network = new();
    private readonly FakeRemote remote = new();

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Run_ShuffledProviderResults_ReportIsSortedAndBootstrapGetsExactlyTheMappedHosts()
    {
        var shuffling = new ShufflingCloud(cloud.Cloud);
        var report = await Engine(new ShufflingFactory(cloud, shuffling)).RunAsync(Request("staging"), CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, report.ExitCode);
        Assert.Equal(["app-1", "db-1", "web-2"], report.Hosts.Select(h => h.Name));
        Assert.Equal(["app-1", "db-1", "web-2"], remote.ReadinessChecks.Order(StringComparer.Ordinal));
        Assert.All(report.Hosts, h => Assert.Equal($"staging-{h.Name}.example.ts.net", h.MeshFqdn));
        Assert.Equal(cloud.Cloud.Existing.Values.Select(h => h.Id).Order(StringComparer.Ordinal), report.Hosts.Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_OnlyDeclaredHostsOfTheEnvironmentArePlanned()
    {
        var report = await Engine().RunAsync(Request("prod"), CancellationToken.None);

        Assert.Equal(["plan prod app-1", "preflight prod app-1", "apply prod app-1:Create"], cloud.Cloud.Calls);
        Assert.Equal("prod-app-1", Assert.Single(report.Hosts).ResourceName);
    }

    [Theory]
    [InlineData(PreflightScope.Local, ExitCodes.Config)]
    [InlineData(PreflightScope.Cloud, ExitCodes.CloudProvider)]
    [InlineData(PreflightScope.Network, ExitCodes.Bootstrap)]
    public async Task Run_PreflightFinding_ChangesNothingAndFailsEachHostToCreateWithTheFinding(PreflightScope scope, int exitCode)
    {
        cloud.Cloud.AddExisting("staging", "app-1", "app");
        var finding = new PreflightFinding(scope, "stagecraft.yml:9:13: size s-9vcpu is not offered in fra1") { Hosts = ["db-1"] };
        switch (scope)
        {
            case PreflightScope.Local:
                remote.PreflightFindings.Add(finding);
                break;
            case PreflightScope.Cloud:
                cloud.Cloud.PreflightFindings.Add(finding);
                break;
            default:
                network.Network.PreflightFindings.Add(finding);
                break;
        }

        var report = await Engine().RunAsync(Request("staging"), CancellationToken.None);

        Assert.Equal(exitCode, report.ExitCode);
        Assert.DoesNotContain(cloud.Cloud.Calls, c => c.StartsWith("apply", StringComparison.Ordinal));
        Assert.Empty(remote.ReadinessChecks);
        Assert.Equal(finding, Assert.Single(report.Error!.Findings));
        Assert.Contains(finding.Message, report.Error.Message, StringComparison.Ordinal);
        Assert.Equal(
            ["app-1 unchanged ", "db-1 failed preflight: stagecraft.yml:9:13: size s-9vcpu is not offered in fra1", "web-2 failed preflight failed for other hosts; nothing was created"],
            report.Hosts.Select(h => $"{h.Name} {h.Provisioning} {h.Reason}"));
    }

    [Fact]
    public async Task Run_DryRun_RunsTheSamePreflightAndReportsEveryFindingSorted()
    {
        cloud.Cloud.PreflightFindings.Add(new PreflightFinding(PreflightScope.Cloud, "b: droplet limit"));
        remote.PreflightFindings.Add(new PreflightFinding(PreflightScope.Local, "z: key file missing"));
        network.Network.PreflightFindings.Add(new PreflightFinding(PreflightScope.Network, "a: auth key unset"));

        var report = await Engine().RunAsync(Request("staging") with { DryRun = true }, CancellationToken.None);

        Assert.Equal(ExitCodes.Config, report.ExitCode);
        Assert.Equal(["z: key file missing", "b: droplet limit", "a: auth key unset"], report.Error!.Findings.Select(f => f.Message));
        Assert.Equal("preflight found 3 problems; nothing was changed:\n  z: key file missing\n  b: droplet limit\n  a: auth key unset", report.Error.Message);
        Assert.All(report.Hosts, h => Assert.Equal("failed", h.Provisioning));
    }

    [Fact]
    public async Task Run_HandsTheLoginKeysTheLocalPreflightLoadedToTheCloudPreflight()
    {
        var key = new LoginKey("key /home/op/.ssh/id_ed25519", [0, 0, 0, 11]);
        remote.LoginKeys.Add(key);

        await Engine().RunAsync(Request("staging") with { DryRun = true }, CancellationToken.None);

        Assert.Equal([key], cloud.Cloud.LastPreflight!.LoginKeys);
    }

    [Fact]
    public async Task Run_NoBootstrap_ChecksOnlyTheCloud()
    {
        remote.PreflightFindings.Add(new PreflightFinding(PreflightScope.Local, "key file missing"));
        network.Network.PreflightFindings.Add(new PreflightFinding(PreflightScope.Network, "auth key unset"));

        var report = await Engine().RunAsync(Request("staging") with { NoBootstrap = true }, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, report.ExitCode);
        Assert.Equal(0, remote.PreflightCalls);
        Assert.Empty(cloud.Cloud.LastPreflight!.LoginKeys);
        Assert.DoesNotContain(network.Network.Calls, c => c.StartsWith("preflight", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ContextCarriesTimeSecretsAndDiagnostics()
    {
        var time = new FakeTimeProvider();
        var secrets = new EnvironmentSecretSource();
        var engine = new InfraUpEngine(TestConfigLoader(cloud), remote, new ProviderContext(time, secrets, NullDiagnostics.Instance), NullProgressReporter.Instance);

        await engine.RunAsync(Request("prod"), CancellationToken.None);

        Assert.Same(time, cloud.LastContext!.Time);
        Assert.Same(secrets, cloud.LastContext.Secrets);
    }

    [Fact]
    public async Task Run_ProgressSeesEveryStageInOrderPerHost()
    {
        var progress = new RecordingProgress();
        var engine = new InfraUpEngine(TestConfigLoader(cloud), remote, new ProviderContext(TimeProvider.System, new EnvironmentSecretSource(), NullDiagnostics.Instance), progress);

        await engine.RunAsync(Request("prod"), CancellationToken.None);

        Assert.Equal(
            [HostStage.Planning, HostStage.Creating, HostStage.WaitingForSsh, HostStage.CheckingOs, HostStage.InstallingDocker, HostStage.InstallingNetwork, HostStage.JoiningNetwork, HostStage.Done],
            progress.Stages);
    }

    [Fact]
    public async Task Run_ApplyThrowsAnUnexpectedException_ReportsEveryDeclaredHostWithInternalErrorExit70()
    {
        cloud.Cloud.AddExisting("staging", "app-1", "app");
        cloud.Cloud.ApplyFailure = new KeyNotFoundException("The given key 'size' was not present in the dictionary.");

        var report = await Engine().RunAsync(Request("staging"), CancellationToken.None);

        Assert.Equal(ExitCodes.Internal, report.ExitCode);
        Assert.Equal(ReportErrorKind.Internal, report.Error!.Kind);
        Assert.Equal("internal error (a bug; run again with --verbose and report it): KeyNotFoundException: The given key 'size' was not present in the dictionary.", report.Error.Message);
        Assert.Equal(["app-1 unchanged", "db-1 failed", "web-2 failed"], report.Hosts.Select(h => $"{h.Name} {h.Provisioning}"));
    }

    [Fact]
    public async Task Run_ConfigLoaderBug_IsAnInternalErrorNotAConfigError()
    {
        var report = await Engine(new BindThrowingFactory()).RunAsync(Request("staging"), CancellationToken.None);

        Assert.Equal(ExitCodes.Internal, report.ExitCode);
        Assert.Equal("internal error (a bug; run again with --verbose and report it): ArgumentOutOfRangeException: index past the end (Parameter 'section')", report.Error!.Message);
        Assert.Empty(report.Hosts);
    }

    [Fact]
    public async Task Run_NodeFqdnThrows_HostsStillBootstrappedAndTheRunIsInternal()
    {
        network.Network.Throws.Set("fqdn db-1", new FormatException("bad domain"));

        var report = await Engine().RunAsync(Request("staging"), CancellationToken.None);

        Assert.Equal(ExitCodes.Internal, report.ExitCode);
        Assert.All(report.Hosts, h => Assert.Equal(BootstrapStatus.Success, h.Bootstrap.Status));
        Assert.Equal(["staging-app-1.example.ts.net", string.Empty, "staging-web-2.example.ts.net"], report.Hosts.Select(h => h.MeshFqdn));
    }

    [Fact]
    public async Task Run_InterruptedAndTheLookAfterThrowsAnything_IsStillTheInterruptReport()
    {
        using var cts = new CancellationTokenSource();
        cloud.Cloud.OnApply = () =>
        {
            cts.Cancel();
            cloud.Cloud.PlanFailure = new InvalidOperationException("listing broke");
        };

        var report = await Engine().RunAsync(Request("staging"), cts.Token);

        Assert.Equal(ExitCodes.Interrupted, report.ExitCode);
        Assert.Equal(3, report.Hosts.Count);
    }

    [Fact]
    public async Task Run_DryRun_TagsAreTheOnesEachHostWillCarry()
    {
        var existing = cloud.Cloud.AddExisting("staging", "app-1", "app");
        cloud.Cloud.Existing[existing.ResourceName] = existing with { Tags = ["stagecraft", "web"] };
        cloud.Cloud.Divergence["app-1"] = (PlanAction.Reconcile, [new AddTag("stagecraft-env-staging")]);

        var report = await Engine().RunAsync(Request("staging") with { DryRun = true }, CancellationToken.None);

        Assert.Equal(
            ["app-1 stagecraft,stagecraft-env-staging,web", "db-1 stagecraft,stagecraft-env-staging", "web-2 stagecraft,stagecraft-env-staging"],
            report.Hosts.Select(h => $"{h.Name} {string.Join(",", h.Tags)}"));
        Assert.Equal(new ReportSummary(2, 0, 1, 0, 0, 0, 0, 3), report.Summary);
    }

    [Fact]
    public async Task Run_PreflightFailure_HostsNotCreatedCarryNoTags()
    {
        cloud.Cloud.PreflightFindings.Add(new PreflightFinding(PreflightScope.Cloud, "droplet limit"));

        var report = await Engine().RunAsync(Request("staging") with { DryRun = true }, CancellationToken.None);

        Assert.All(report.Hosts, h => Assert.Empty(h.Tags));
    }

    private InfraUpRequest Request(string environment)
    {
        var path = Path.Combine(directory, "stagecraft.yml");
        File.WriteAllText(path, TestConfig.Valid);
        return new InfraUpRequest(path, environment, DryRun: false, NoBootstrap: false, Parallelism: 8);
    }

    private InfraUpEngine Engine(ICloudProviderFactory? factory = null) =>
        new(TestConfigLoader(factory ?? cloud), remote, new ProviderContext(TimeProvider.System, new EnvironmentSecretSource(), NullDiagnostics.Instance), NullProgressReporter.Instance);

    private Stagecraft.Core.Configuration.ConfigLoader TestConfigLoader(ICloudProviderFactory factory) =>
        new(new ProviderRegistry<ICloudProviderFactory>([factory]), new ProviderRegistry<INetworkProviderFactory>([network]), "/home/op");

    /// <summary>A provider registration whose binding has a bug.</summary>
    private sealed class BindThrowingFactory : ICloudProviderFactory
    {
        public string Id => "fakecloud";

        public ICloudProviderSettings Bind(Stagecraft.Core.Configuration.ConfigSection section) => throw new ArgumentOutOfRangeException(nameof(section), "index past the end");

        public ICloudProvider Create(ICloudProviderSettings settings, ProviderContext context) => throw new InvalidOperationException("not reached");
    }

    private sealed class RecordingProgress : IProgressReporter
    {
        public List<HostStage> Stages { get; } = [];

        public void Report(string hostName, HostStage stage)
        {
            lock (Stages)
            {
                Stages.Add(stage);
            }
        }
    }

    /// <summary>Returns plan and apply results in reverse order, as a provider with its own ordering might.</summary>
    private sealed class ShufflingCloud(FakeCloud inner) : ICloudProvider
    {
        public string Id => inner.Id;

        public async Task<CloudPlan> PlanAsync(CloudPlanRequest request, CancellationToken cancellationToken)
        {
            var plan = await inner.PlanAsync(request with { Hosts = [.. request.Hosts.Reverse()] }, cancellationToken);
            return plan with { Hosts = [.. plan.Hosts.Reverse()] };
        }

        public Task<IReadOnlyList<Stagecraft.Core.Preflight.PreflightFinding>> PreflightAsync(Stagecraft.Core.Preflight.PreflightRequest request, CancellationToken cancellationToken) =>
            inner.PreflightAsync(request, cancellationToken);

        public async Task<CloudApplyResult> ApplyAsync(CloudPlan plan, CancellationToken cancellationToken)
        {
            var result = await inner.ApplyAsync(plan, cancellationToken);
            return new CloudApplyResult([.. result.Hosts.Reverse()]);
        }

        public async Task<IReadOnlyList<CloudDeleteResult>> DeleteAsync(CloudDeleteRequest request, CancellationToken cancellationToken) =>
            [.. (await inner.DeleteAsync(request, cancellationToken)).Reverse()];

        public Task<FirewallTeardown?> DeleteFirewallAsync(CloudPlanRequest request, bool dryRun, CancellationToken cancellationToken) =>
            inner.DeleteFirewallAsync(request, dryRun, cancellationToken);
    }

    private sealed class ShufflingFactory(FakeCloudProviderFactory inner, ShufflingCloud cloud) : ICloudProviderFactory
    {
        public string Id => inner.Id;

        public ICloudProviderSettings Bind(Stagecraft.Core.Configuration.ConfigSection section) => inner.Bind(section);

        public ICloudProvider Create(ICloudProviderSettings settings, ProviderContext context) => cloud;
    }
}
