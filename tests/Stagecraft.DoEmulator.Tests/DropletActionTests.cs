using System.Net;

namespace Stagecraft.DoEmulator.Tests;

public sealed class DropletActionTests
{
    [Fact]
    public async Task PowerOff_WhileAnotherActionIsPending_Is422PendingEvent_ThenStatusFollows()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var droplet = emulator.Server.SeedDroplet("web-1", []);

        var first = await emulator.PostAsync($"/v2/droplets/{droplet.Id}/actions", """{"type":"power_off"}""");
        var second = await emulator.PostAsync($"/v2/droplets/{droplet.Id}/actions", """{"type":"reboot"}""");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal("in-progress", (string?)first.Json["action"]!["status"]);
        Assert.Equal("power_off", (string?)first.Json["action"]!["type"]);
        Assert.Equal(droplet.Id, (long)first.Json["action"]!["resource_id"]!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.Status);
        Assert.Equal("unprocessable_entity", (string?)second.Json["id"]);
        Assert.Equal("Droplet already has a pending event.", (string?)second.Json["message"]);
        Assert.Equal("active", emulator.Server.Droplets[0].Status);

        emulator.Time.Advance(TimeSpan.FromSeconds(1));

        var actionId = (long)first.Json["action"]!["id"]!;
        var completed = await emulator.GetAsync($"/v2/droplets/{droplet.Id}/actions/{actionId}");
        Assert.Equal("completed", (string?)completed.Json["action"]!["status"]);
        Assert.Equal("off", emulator.Server.Droplets[0].Status);

        var powerOn = await emulator.PostAsync($"/v2/droplets/{droplet.Id}/actions", """{"type":"power_on"}""");
        Assert.Equal(HttpStatusCode.Created, powerOn.Status);
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("active", (string?)(await emulator.GetAsync($"/v2/droplets/{droplet.Id}")).Json["droplet"]!["status"]);
    }

    [Fact]
    public async Task Action_WhileTheDropletIsStillBeingCreated_Is422PendingEvent()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var id = (long)(await emulator.CreateDropletAsync("web-1")).Json["droplet"]!["id"]!;

        var result = await emulator.PostAsync($"/v2/droplets/{id}/actions", """{"type":"power_off"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.Status);
        Assert.Equal("Droplet already has a pending event.", (string?)result.Json["message"]);
    }

    [Theory]
    [InlineData("active", "power_on", "Droplet is already powered on.")]
    [InlineData("off", "power_off", "Droplet is already powered off.")]
    [InlineData("off", "shutdown", "Droplet is already powered off.")]
    [InlineData("active", "resize", "Droplet must be off prior to resizing")]
    [InlineData("active", "fly", "'fly' is not a valid action type.")]
    public async Task Action_ThatDoesNotFitTheStatus_Is422(string status, string type, string message)
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var droplet = emulator.Server.SeedDroplet("web-1", [], status: status);

        var result = await emulator.PostAsync($"/v2/droplets/{droplet.Id}/actions", $$"""{"type":"{{type}}","size":"s-2vcpu-4gb"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.Status);
        Assert.Equal(message, (string?)result.Json["message"]);
    }

    [Fact]
    public async Task Resize_WhenOff_ChangesTheSizeOnCompletion()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var droplet = emulator.Server.SeedDroplet("web-1", [], size: "s-1vcpu-1gb", status: "off");

        var result = await emulator.PostAsync($"/v2/droplets/{droplet.Id}/actions", """{"type":"resize","size":"s-2vcpu-4gb","disk":true}""");
        emulator.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Created, result.Status);
        Assert.Equal("s-2vcpu-4gb", emulator.Server.Droplets[0].Size);
    }

    [Fact]
    public async Task GetAction_UnderAnotherDroplet_Is404()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var a = emulator.Server.SeedDroplet("a", []);
        var b = emulator.Server.SeedDroplet("b", []);
        var action = await emulator.PostAsync($"/v2/droplets/{a.Id}/actions", """{"type":"reboot"}""");
        var actionId = (long)action.Json["action"]!["id"]!;

        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync($"/v2/droplets/{a.Id}/actions/{actionId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync($"/v2/droplets/{b.Id}/actions/{actionId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync("/v2/actions/5")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.PostAsync("/v2/droplets/77/actions", """{"type":"reboot"}""")).Status);
    }
}
