using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Stagecraft.DoEmulator.Tests;

public sealed class StateFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"do-emulator-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Restart_WithAStateFile_KeepsDropletsActionsAndIds()
    {
        long id;
        await using (var first = await EmulatorHarness.StartAsync(Options))
        {
            first.Server.SeedDroplet("old", ["stagecraft:demo"]);
            id = (long)(await first.CreateDropletAsync("web-1", "stagecraft:demo")).Json["droplet"]!["id"]!;
        }

        await using var second = await EmulatorHarness.StartAsync(Options);
        var raised = new List<string>();
        second.Server.DropletBecameActive += d => raised.Add(d.Name);

        Assert.Equal(["old", "web-1"], second.Server.Droplets.Select(d => d.Name));
        Assert.Equal("new", second.Server.Droplets[1].Status);
        second.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["web-1"], raised);
        var listed = (await second.GetAsync("/v2/droplets?tag_name=stagecraft:demo")).Json;
        Assert.Equal(2, (int)listed["meta"]!["total"]!);
        var next = (long)(await second.CreateDropletAsync("web-2")).Json["droplet"]!["id"]!;
        Assert.Equal(id + 1, next);
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync("/v2/tags/stagecraft:demo/resources", $$"""{"resources":[{"resource_id":"{{next}}","resource_type":"droplet"}]}""")).Status);
    }

    public void Dispose() => File.Delete(_path);

    private EmulatorOptions Options(FakeTimeProvider time) => new()
    {
        TimeProvider = time,
        Tokens = [EmulatorHarness.Token],
        StateFile = _path,
    };
}
