using System.Net;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>VPCs in the emulator: each region's default plus configured ones, spec-conformant, and enforced on create.</summary>
public sealed class VpcTests
{
    private const string Private = "2c5a8f3e-0b4f-4c2e-9e1a-6d1f0a7c1b10";

    private readonly OpenApiSchemas spec = OpenApiSchemas.Load();

    private static Task<EmulatorHarness> StartAsync() => EmulatorHarness.StartAsync(t => new EmulatorOptions
    {
        TimeProvider = t,
        Tokens = [EmulatorHarness.Token],
        Vpcs = [new EmulatorVpc(Private, "shop-nyc3", "nyc3")],
    });

    [Fact]
    public async Task ListAndGet_MatchTheSpec_WithOneDefaultPerRegion()
    {
        await using var emulator = await StartAsync();

        var list = await emulator.GetAsync("/v2/vpcs?per_page=200");
        var one = await emulator.GetAsync($"/v2/vpcs/{Private}");
        var missing = await emulator.GetAsync("/v2/vpcs/2c5a8f3e-0b4f-4c2e-9e1a-000000000000");

        SchemaAssert.Valid(spec.ForOperation("/v2/vpcs", "get", "200"), list.Body, "list");
        SchemaAssert.Valid(spec.ForOperation("/v2/vpcs/{vpc_id}", "get", "200"), one.Body, "get");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        var vpcs = list.Json["vpcs"]!.AsArray();
        Assert.Contains(vpcs, v => (string?)v!["name"] == "shop-nyc3" && (bool?)v["default"] == false);
        Assert.Single(vpcs, v => (string?)v!["region"] == "nyc3" && (bool?)v["default"] == true);
        Assert.Equal("shop-nyc3", (string?)one.Json["vpc"]!["name"]);
    }

    [Fact]
    public async Task Create_InAVpcOfAnotherRegionOrAnUnknownOne_Is422_AndOneOfTheRegionLandsThere()
    {
        await using var emulator = await StartAsync();

        var foreign = await emulator.PostAsync("/v2/droplets", $$"""{"name": "a", "region": "nyc1", "size": "s-1vcpu-1gb", "image": "ubuntu-22-04-x64", "vpc_uuid": "{{Private}}"}""");
        var unknown = await emulator.PostAsync("/v2/droplets", """{"name": "b", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-22-04-x64", "vpc_uuid": "2c5a8f3e-0b4f-4c2e-9e1a-000000000000"}""");
        var created = await emulator.PostAsync("/v2/droplets", $$"""{"name": "c", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-22-04-x64", "vpc_uuid": "{{Private}}"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.Status);
        Assert.Contains("is in region nyc3, not nyc1", (string?)foreign.Json["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        Assert.Equal(Private, (string?)created.Json["droplet"]!["vpc_uuid"]);
    }
}
