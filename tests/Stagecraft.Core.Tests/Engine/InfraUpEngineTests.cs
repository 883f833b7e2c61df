using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Hosts;
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

        Assert.Equal(["plan prod app-1", "apply prod app-1:Create"], cloud.Cloud.Calls);
        Assert.Equal("prod-app-1", Assert.Single(report.Hosts).ResourceName);
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

        public async Task<CloudApplyResult> ApplyAsync(CloudPlan plan, CancellationToken cancellationToken)
        {
            var result = await inner.ApplyAsync(plan, cancellationToken);
            return new CloudApplyResult([.. result.Hosts.Reverse()]);
        }
    }

    private sealed class ShufflingFactory(FakeCloudProviderFactory inner, ShufflingCloud cloud) : ICloudProviderFactory
    {
        public string Id => inner.Id;

        public ICloudProviderSettings Bind(Stagecraft.Core.Configuration.ConfigSection section) => inner.Bind(section);

        public ICloudProvider Create(ICloudProviderSettings settings, ProviderContext context) => cloud;
    }
}
