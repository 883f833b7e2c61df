using System.Text.Json;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary>The firewall section of the <c>infra up</c> report (text and JSON), the plan request it is made for, and the readiness hint.</summary>
public sealed class FirewallReportTests
{
    private static readonly FirewallChange Update = new(
        "stagecraft-shop-staging",
        FirewallAction.Update,
        [new FirewallRule("inbound", "tcp", "22", ["192.0.2.0/24"])],
        [new FirewallRule("inbound", "tcp", "22", ["198.51.100.0/24"])],
        ["SSH is open to anywhere"],
        Applied: false) { SshSources = "192.0.2.0/24" };

    [Fact]
    public async Task DryRun_ShowsTheRuleDiffAndWarnings_InTextAndJson()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.Firewall = Update;

        var text = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--dry-run");
        var json = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--dry-run", "-o", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains(
            "firewall: stagecraft-shop-staging update\n  + inbound tcp 22 from 192.0.2.0/24\n  - inbound tcp 22 from 198.51.100.0/24\n  warning: SSH is open to anywhere\n",
            text.Output,
            StringComparison.Ordinal);
        ReportSchema.EnsureValid(json.Output);
        using var document = JsonDocument.Parse(json.Output);
        var firewall = document.RootElement.GetProperty("firewall");
        Assert.Equal("update", firewall.GetProperty("action").GetString());
        Assert.Equal(["inbound tcp 22 from 192.0.2.0/24"], firewall.GetProperty("rules_added").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["inbound tcp 22 from 198.51.100.0/24"], firewall.GetProperty("rules_removed").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Apply_ReportsWhatWasDone_AndThePlanKnowsProjectSshPortAndMeshPorts()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.Firewall = Update;

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "-o", "json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("updated", document.RootElement.GetProperty("firewall").GetProperty("action").GetString());
        var request = world.Cloud.Cloud.LastPlanRequest!;
        Assert.Equal("shop", request.Project);
        Assert.Equal(22, request.SshPort);
        Assert.Equal([new NetworkPort("udp", "41641")], request.MeshPorts);
    }

    [Fact]
    public async Task AHostNotReachableOverSsh_NamesTheFirewallAndItsSshSources()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.Firewall = Update;
        world.Remote.NotReady["app-1"] = "not reachable over SSH within 1m (connection refused)";

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "-o", "json");

        Assert.Equal(10, exit);
        using var document = JsonDocument.Parse(output);
        var app = document.RootElement.GetProperty("hosts").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "app-1");
        Assert.Equal(
            "not reachable over SSH within 1m (connection refused); the cloud firewall stagecraft-shop-staging allows SSH on port 22 only from 192.0.2.0/24: check that your address is among them",
            app.GetProperty("bootstrap").GetProperty("message").GetString());
    }

    [Fact]
    public async Task NoFirewall_IsNullInJson_AndNoHintOnReadinessFailures()
    {
        using var world = new CliWorld();
        world.Remote.NotReady["app-1"] = "not reachable over SSH within 1m (connection refused)";

        var (_, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "-o", "json");

        using var document = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("firewall").ValueKind);
        Assert.DoesNotContain("firewall", output.Replace("\"firewall\": null", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

/// <summary>Every command plans with the same request as infra up, so a provider plans its per-environment resources (the firewall) the same way.</summary>
public sealed class PlanRequestTests
{
    [Theory]
    [InlineData("up", "--dry-run")]
    [InlineData("hosts", "--format", "json")]
    [InlineData("status", "--no-ssh")]
    [InlineData("down", "--dry-run")]
    public async Task EachCommand_PlansWithTheProjectAndTheSshPort(string command, params string[] extra)
    {
        using var world = new CliWorld();

        await world.RunAsync(["infra", command, "--config", world.ConfigPath, "--env", "staging", .. extra]);

        var request = world.Cloud.Cloud.LastPlanRequest!;
        Assert.Equal(("shop", 22), (request.Project, request.SshPort));
    }
}
