using System.Net;
using System.Text.Json.Nodes;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>Cloud firewalls in the emulator: the API's shapes (checked against the OpenAPI subset), its refusals, and enforcement.</summary>
public sealed class FirewallTests
{
    private const string Rules = """
        "inbound_rules": [
          {"protocol": "tcp", "ports": "22", "sources": {"addresses": ["198.51.100.0/24"]}},
          {"protocol": "udp", "ports": "41641", "sources": {"addresses": ["0.0.0.0/0", "::/0"]}}
        ],
        "outbound_rules": [
          {"protocol": "tcp", "ports": "all", "destinations": {"addresses": ["0.0.0.0/0", "::/0"]}},
          {"protocol": "icmp", "destinations": {"addresses": ["0.0.0.0/0", "::/0"]}}
        ]
        """;

    private readonly OpenApiSchemas spec = OpenApiSchemas.Load();

    [Fact]
    public async Task CreateListGetReplaceDelete_MatchTheSpec()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.PostAsync("/v2/tags", """{"name":"stagecraft-env-staging"}""");

        var created = await emulator.PostAsync("/v2/firewalls", $$"""{"name": "stagecraft-shop-staging", {{Rules}}, "tags": ["stagecraft-env-staging"]}""");
        var id = (string)created.Json["firewall"]!["id"]!;
        var list = await emulator.GetAsync("/v2/firewalls");
        var get = await emulator.GetAsync($"/v2/firewalls/{id}");
        var put = await emulator.PutAsync($"/v2/firewalls/{id}", $$"""{"name": "stagecraft-shop-staging", {{Rules}}}""");
        var deleted = await emulator.DeleteAsync($"/v2/firewalls/{id}");
        var gone = await emulator.GetAsync($"/v2/firewalls/{id}");

        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound],
            [created.Status, list.Status, get.Status, put.Status, deleted.Status, gone.Status]);
        SchemaAssert.Valid(spec.ForOperation("/v2/firewalls", "post", "202"), created.Body, "create");
        SchemaAssert.Valid(spec.ForOperation("/v2/firewalls", "get", "200"), list.Body, "list");
        SchemaAssert.Valid(spec.ForOperation("/v2/firewalls/{firewall_id}", "get", "200"), get.Body, "get");
        SchemaAssert.Valid(spec.ForOperation("/v2/firewalls/{firewall_id}", "put", "200"), put.Body, "put");
        SchemaAssert.Valid(spec.ForOperation("/v2/firewalls/{firewall_id}", "get", "404"), gone.Body, "404");
        Assert.Equal("waiting", (string?)created.Json["firewall"]!["status"]);
        Assert.Equal("succeeded", (string?)get.Json["firewall"]!["status"]);
        Assert.Equal("0", (string?)get.Json["firewall"]!["outbound_rules"]![0]!["ports"]);
        Assert.Equal("0", (string?)get.Json["firewall"]!["outbound_rules"]![1]!["ports"]);
        Assert.Equal(["stagecraft-env-staging"], get.Json["firewall"]!["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Empty(put.Json["firewall"]!["tags"]!.AsArray());
        Assert.Equal(1, (int?)list.Json["meta"]!["total"]);
    }

    [Theory]
    [InlineData("""{"name": "bad_name", "inbound_rules": []}""", "name 'bad_name' is invalid")]
    [InlineData("""{"name": "x", "inbound_rules": []}""", "name 'x' is invalid")]
    [InlineData("""{"name": "stagecraft-shop-staging"}""", "at least one of inbound_rules or outbound_rules")]
    [InlineData("""{"name": "fw-1", "inbound_rules": [{"protocol": "sctp", "ports": "1", "sources": {}}]}""", "protocol (tcp, udp or icmp)")]
    [InlineData("""{"name": "fw-1", "inbound_rules": [{"protocol": "tcp", "ports": "abc", "sources": {}}]}""", "ports 'abc' is invalid")]
    [InlineData("""{"name": "fw-1", "inbound_rules": [], "tags": ["nope"]}""", "tag 'nope' does not exist")]
    public async Task WhatTheApiRefuses_Is400WithTheReason(string body, string reason)
    {
        await using var emulator = await EmulatorHarness.StartAsync();

        var refused = await emulator.PostAsync("/v2/firewalls", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(reason, (string?)refused.Json["message"], StringComparison.Ordinal);
        Assert.Empty(emulator.Server.Firewalls);
    }

    [Fact]
    public async Task AllowsInbound_IsTheUnionOfTheRulesOfTheFirewallsThatReachTheDroplet()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.SeedDroplet("staging-app-1", ["stagecraft-env-staging"]);
        emulator.Server.SeedDroplet("prod-app-1", ["stagecraft-env-prod"]);
        var office = IPAddress.Parse("198.51.100.7");
        var elsewhere = IPAddress.Parse("203.0.113.9");
        var changes = 0;
        emulator.Server.FirewallsChanged += () => changes++;
        Assert.True(emulator.Server.AllowsInbound("staging-app-1", "tcp", 22, elsewhere));

        await emulator.PostAsync("/v2/firewalls", $$"""{"name": "stagecraft-shop-staging", {{Rules}}, "tags": ["stagecraft-env-staging"]}""");

        Assert.Equal(1, changes);
        Assert.True(emulator.Server.AllowsInbound("staging-app-1", "tcp", 22, office));
        Assert.False(emulator.Server.AllowsInbound("staging-app-1", "tcp", 22, elsewhere));
        Assert.False(emulator.Server.AllowsInbound("staging-app-1", "tcp", 80, office));
        Assert.True(emulator.Server.AllowsInbound("staging-app-1", "udp", 41641, elsewhere));
        Assert.True(emulator.Server.AllowsInbound("prod-app-1", "tcp", 22, elsewhere));
    }

    [Fact]
    public async Task Replace_WithoutTags_DetachesTheFirewall()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        emulator.Server.SeedDroplet("staging-app-1", ["stagecraft-env-staging"]);
        var created = await emulator.PostAsync("/v2/firewalls", $$"""{"name": "stagecraft-shop-staging", {{Rules}}, "tags": ["stagecraft-env-staging"]}""");
        var id = (string)created.Json["firewall"]!["id"]!;
        var elsewhere = IPAddress.Parse("203.0.113.9");
        Assert.False(emulator.Server.AllowsInbound("staging-app-1", "tcp", 22, elsewhere));

        var put = await emulator.PutAsync($"/v2/firewalls/{id}", $$"""{"name": "stagecraft-shop-staging", {{Rules}}}""");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.True(emulator.Server.AllowsInbound("staging-app-1", "tcp", 22, elsewhere));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.PutAsync("/v2/firewalls/nope", $$"""{"name": "x1", {{Rules}}}""")).Status);
    }
}
