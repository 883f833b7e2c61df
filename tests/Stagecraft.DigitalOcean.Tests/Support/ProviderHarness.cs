using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Preflight;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Api;
using Stagecraft.DigitalOcean.Configuration;
using Stagecraft.DoEmulator;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>
/// The provider against the emulator over real HTTP, on one fake clock. Each harness uses a unique token so tests can
/// prove it never shows up in messages or diagnostics.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    public const string Environment = "staging";

    private readonly SocketsHttpHandler transport;

    private ProviderHarness(DoEmulatorServer server, TrackingTimeProvider clock, string token, SocketsHttpHandler transport, PowerOnGate powerOns, CreateGate gate, RecordingHandler handler)
    {
        PowerOns = powerOns;
        Gate = gate;
        Server = server;
        Clock = clock;
        Token = token;
        this.transport = transport;
        Handler = handler;
    }

    public DoEmulatorServer Server { get; }

    public TrackingTimeProvider Clock { get; }

    public string Token { get; }

    public RecordingHandler Handler { get; }

    /// <summary>Holds create responses when armed (<see cref="HeldResponseGate.HoldUntil"/>).</summary>
    public CreateGate Gate { get; }

    /// <summary>Holds power-on responses when armed (<see cref="HeldResponseGate.HoldUntil"/>).</summary>
    public PowerOnGate PowerOns { get; }

    public RecordingDiagnostics Diagnostics { get; } = new();

    public DigitalOceanSettings Settings { get; private set; } = null!;

    /// <summary>Where the provider of the latest <see cref="Configure(string, string, string?)"/> adds its request counts.</summary>
    public Stagecraft.Core.Diagnostics.VerboseSummary Summary { get; private set; } = new();

    public ICloudProvider Provider { get; private set; } = null!;

    public static async Task<ProviderHarness> StartAsync(string hostsYaml, EmulatorSetup? setup = null, string createTimeout = "5m")
    {
        setup ??= new EmulatorSetup();
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var token = $"dop_v1_{Guid.NewGuid():N}";
        var server = await DoEmulatorServer.StartAsync(new EmulatorOptions
        {
            Tokens = [token],
            TimeProvider = fake,
            BootDelay = setup.BootDelay,
            ActionDelay = setup.ActionDelay ?? new EmulatorOptions().ActionDelay,
            ListLag = setup.ListLag,
            DeleteLag = setup.DeleteLag,
            Vpcs = setup.Vpcs,
            Projects = setup.Projects,
            MaxPageSize = setup.MaxPageSize,
            Fail429EveryNthRequest = setup.Fail429EveryNthRequest,
            BurstLimitPerMinute = setup.BurstLimitPerMinute,
            HourlyLimit = setup.HourlyLimit,
            ServerErrorRate = setup.ServerErrorRate,
            Seed = setup.Seed,
            LoseCreateResponseFor = setup.LoseCreateResponseFor,
            DropletLimit = setup.DropletLimit,
            EndpointFaults = setup.EndpointFaults,
            PublicIpPool = setup.PublicIpPool,
            AccountStatus = setup.AccountStatus,
            AccountStatusMessage = setup.AccountStatusMessage,
            SshKeys = setup.SshKeys ?? [new EmulatorSshKey(512190, "deploy-key", "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa", "ssh-ed25519 AAAA deploy")],
        });
        var transport = new SocketsHttpHandler();
        var powerOns = new PowerOnGate(transport);
        var gate = new CreateGate(powerOns);
        var harness = new ProviderHarness(server, new TrackingTimeProvider(fake), token, transport, powerOns, gate, new RecordingHandler(gate));
        harness.Configure(hostsYaml, createTimeout);
        return harness;
    }

    /// <summary>Binds the config (hosts of <c>staging</c>, one per line) and creates a fresh provider, as a new run would.</summary>
    public void Configure(string hostsYaml, string createTimeout = "5m", string? tokenOverride = null) =>
        Configure(hostsYaml, createTimeout, tokenOverride, imageLine: string.Empty);

    /// <summary>As <see cref="Configure(string, string, string?)"/> with extra section lines (e.g. <c>delete_timeout: 30s</c>) after create_timeout.</summary>
    public void ConfigureWith(string hostsYaml, string extraLines) => Configure(hostsYaml, "5m", null, "\n" + extraLines);

    /// <summary>As <see cref="Configure(string, string, string?)"/> with <c>image:</c> set (on line 7; the hosts start on line 10).</summary>
    public void ConfigureWithImage(string hostsYaml, string image) => Configure(hostsYaml, "5m", null, $"\nimage: {image}");

    private void Configure(string hostsYaml, string createTimeout, string? tokenOverride, string imageLine)
    {
        var indented = string.Join("\n", hostsYaml.Split('\n').Select(l => "    " + l));
        Settings = ConfigText.BindValid($"""
            token_env: DO_TOKEN
            ssh_key_name: deploy-key
            api_url: {Server.BaseUrl}
            default_region: nyc1
            default_size: s-2vcpu-4gb
            create_timeout: {createTimeout}{imageLine}
            hosts:
              {Environment}:
            {indented}
            """);
        var factory = new DigitalOceanProviderFactory(Handler, ApiOptions);
        var secrets = new FakeSecretSource(new Dictionary<string, string> { ["DO_TOKEN"] = tokenOverride ?? Token });
        Summary = new Stagecraft.Core.Diagnostics.VerboseSummary();
        Provider = factory.Create(Settings, new ProviderContext(Clock, secrets, Diagnostics) { Summary = Summary });
    }

    /// <summary>No per-request timeout on the fake clock: the clock jumps to the next wait while a request is in flight.</summary>
    public static DigitalOceanApiOptions ApiOptions { get; } = new()
    {
        RequestTimeout = Timeout.InfiniteTimeSpan,
        Jitter = new FixedJitter(0.5),
    };

    public Task<CloudPlan> PlanAsync() =>
        Clock.RunAsync(Provider.PlanAsync(
            new CloudPlanRequest(Environment, Settings.Environments[Environment]) { Project = "shop", SshPort = 22, MeshPorts = [new NetworkPort("udp", "41641")] },
            CancellationToken.None));

    public Task<CloudApplyResult> ApplyAsync(CloudPlan plan) =>
        Clock.RunAsync(Provider.ApplyAsync(plan, CancellationToken.None));

    /// <summary>The provider's preflight of <paramref name="plan"/>, as the engine runs it before the apply.</summary>
    public Task<IReadOnlyList<PreflightFinding>> PreflightAsync(CloudPlan plan, IReadOnlyList<LoginKey>? loginKeys = null, bool bootstrapping = true) =>
        Clock.RunAsync(Provider.PreflightAsync(new PreflightRequest(plan, bootstrapping) { LoginKeys = loginKeys ?? [] }, CancellationToken.None));

    public async Task<CloudApplyResult> UpAsync() => await ApplyAsync(await PlanAsync());

    /// <summary>A request of the test's own to the emulator (another client on the account): not recorded in <see cref="Handler"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var client = new HttpClient { BaseAddress = Server.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var request = new HttpRequestMessage(method, path);
        request.Content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    /// <summary>The provider's deletion of <paramref name="targets"/>, as <c>infra down</c> runs it.</summary>
    public Task<IReadOnlyList<CloudDeleteResult>> DeleteAsync(IReadOnlyList<Host> targets) =>
        Clock.RunAsync(Provider.DeleteAsync(new CloudDeleteRequest(Environment, targets), CancellationToken.None));

    public IReadOnlyList<SentRequest> Sent(string method, string pathPrefix) =>
        [.. Handler.Sent.Where(r => r.Method == method && r.PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal))];

    /// <summary>Asserts that the token appears in no diagnostics line and in none of the given texts.</summary>
    public void AssertTokenAbsent(params string[] texts)
    {
        Assert.All(Diagnostics.Messages, m => Assert.DoesNotContain(Token, m, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(Token, t, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        Handler.Dispose();
        Gate.Dispose();
        PowerOns.Dispose();
        transport.Dispose();
        await Server.DisposeAsync();
    }
}
