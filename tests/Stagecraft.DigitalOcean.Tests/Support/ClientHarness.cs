using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Secrets;
using Stagecraft.DigitalOcean.Api;

namespace Stagecraft.DigitalOcean.Tests.Support;

/// <summary>The API client over a <see cref="StubHandler"/> on a fake clock.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string Token = "dop_v1_unit-4b7e0c2a9d";

    private readonly HttpClient http;

    public ClientHarness(StubHandler stub, DigitalOceanApiOptions? options = null, string baseUrl = "http://stub.test/prefix")
    {
        Stub = stub;
        Clock = new TrackingTimeProvider(new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)));
        Options = options ?? new DigitalOceanApiOptions { RequestTimeout = Timeout.InfiniteTimeSpan, Jitter = new FixedJitter(0.5) };
        http = new HttpClient(stub, disposeHandler: false);
        Executor = new ApiRequestExecutor(http, new Uri(baseUrl), new Secret(Token), Clock, Diagnostics, Options);
        Client = new DigitalOceanApiClient(Executor, Options);
    }

    public StubHandler Stub { get; }

    public TrackingTimeProvider Clock { get; }

    public DigitalOceanApiOptions Options { get; }

    public RecordingDiagnostics Diagnostics { get; } = new();

    public ApiRequestExecutor Executor { get; }

    public DigitalOceanApiClient Client { get; }

    public void Dispose() => http.Dispose();
}
