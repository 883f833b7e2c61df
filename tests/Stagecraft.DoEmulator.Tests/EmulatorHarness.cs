using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>An emulator on fake time plus an authenticated HttpClient talking real HTTP to it.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    public const string Token = "test-token";

    private EmulatorHarness(FakeTimeProvider time, DoEmulatorServer server)
    {
        Time = time;
        Server = server;
        Client = new HttpClient { BaseAddress = server.BaseUrl };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public static DateTimeOffset Epoch { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public DoEmulatorServer Server { get; }

    public HttpClient Client { get; }

    /// <summary>Starts an emulator on a fresh fake clock; <paramref name="options"/> builds options from that clock.</summary>
    public static async Task<EmulatorHarness> StartAsync(Func<FakeTimeProvider, EmulatorOptions>? options = null)
    {
        var time = new FakeTimeProvider(Epoch);
        var server = await DoEmulatorServer.StartAsync((options ?? Defaults)(time));
        return new EmulatorHarness(time, server);
    }

    public static EmulatorOptions Defaults(FakeTimeProvider time) => new()
    {
        Tokens = [Token],
        TimeProvider = time,
        PublicIpPool = ["127.0.0.10", "127.0.0.11"],
    };

    public async Task<ApiResult> GetAsync(string pathOrUrl) => await ApiResult.FromAsync(await Client.GetAsync(new Uri(pathOrUrl, UriKind.RelativeOrAbsolute)));

    public async Task<ApiResult> PutAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await ApiResult.FromAsync(await Client.PutAsync(new Uri(path, UriKind.Relative), content));
    }

    public async Task<ApiResult> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await ApiResult.FromAsync(await Client.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    public async Task<ApiResult> DeleteAsync(string path) => await ApiResult.FromAsync(await Client.DeleteAsync(new Uri(path, UriKind.Relative)));

    public Task<ApiResult> CreateDropletAsync(string name, params string[] tags) =>
        PostAsync("/v2/droplets", new JsonObject
        {
            ["name"] = name,
            ["region"] = "nyc3",
            ["size"] = "s-1vcpu-1gb",
            ["image"] = "ubuntu-22-04-x64",
            ["ssh_keys"] = new JsonArray(512190),
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
        }.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
