using System.Net;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>Projects in the emulator: the default one where droplets land, assignment with per-item status, spec-conformant.</summary>
public sealed class ProjectTests
{
    private const string Shop = "6f5c0a8e-2b1d-4c3e-9f4a-1a2b3c4d5e6f";

    private readonly OpenApiSchemas spec = OpenApiSchemas.Load();

    [Fact]
    public async Task ListDefaultResourcesAndAssign_MatchTheSpec_AndMoveTheDroplet()
    {
        await using var emulator = await EmulatorHarness.StartAsync(t => new EmulatorOptions
        {
            TimeProvider = t,
            Tokens = [EmulatorHarness.Token],
            Projects = [new EmulatorProject(Shop, "shop")],
        });
        var droplet = emulator.Server.SeedDroplet("staging-app-1", ["stagecraft"]);
        var urn = $"do:droplet:{droplet.Id}";

        var list = await emulator.GetAsync("/v2/projects");
        var fallback = await emulator.GetAsync("/v2/projects/default");
        var before = await emulator.GetAsync($"/v2/projects/{Shop}/resources");
        var assigned = await emulator.PostAsync($"/v2/projects/{Shop}/resources", $$"""{"resources": ["{{urn}}", "do:droplet:42"]}""");
        var again = await emulator.PostAsync($"/v2/projects/{Shop}/resources", $$"""{"resources": ["{{urn}}"]}""");
        var after = await emulator.GetAsync($"/v2/projects/{Shop}/resources");
        var unknown = await emulator.GetAsync("/v2/projects/00000000-0000-4000-8000-000000000000/resources");

        SchemaAssert.Valid(spec.ForOperation("/v2/projects", "get", "200"), list.Body, "list");
        SchemaAssert.Valid(spec.ForOperation("/v2/projects/default", "get", "200"), fallback.Body, "default");
        SchemaAssert.Valid(spec.ForOperation("/v2/projects/{project_id}/resources", "get", "200"), after.Body, "resources");
        SchemaAssert.Valid(spec.ForOperation("/v2/projects/{project_id}/resources", "post", "200"), assigned.Body, "assign");
        Assert.Equal(HttpStatusCode.OK, assigned.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.True((bool?)fallback.Json["project"]!["is_default"]);
        Assert.Empty(before.Json["resources"]!.AsArray());
        var statuses = assigned.Json["resources"]!.AsArray().ToDictionary(r => (string)r!["urn"]!, r => (string?)r!["status"]);
        Assert.Equal("assigned", statuses[urn]);
        Assert.Equal("not_found", statuses["do:droplet:42"]);
        Assert.Equal("already_assigned", (string?)again.Json["resources"]![0]!["status"]);
        Assert.Equal([urn], after.Json["resources"]!.AsArray().Select(r => (string?)r!["urn"]));
        Assert.Equal(Shop, emulator.Server.ProjectOf(droplet.Id));
    }
}
