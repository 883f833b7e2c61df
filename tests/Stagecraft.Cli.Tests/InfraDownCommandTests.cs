using System.Text.Json;
using Stagecraft.Cli.Commands;
using Stagecraft.Cli.Composition;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Providers;
using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary>
/// <c>infra down</c> in process against the recording doubles: what is chosen (declared and tagged only), the
/// confirmation, the mesh leave and pin removal around the delete, failures and exit codes.
/// </summary>
public sealed class InfraDownCommandTests
{
    private static readonly ReportSchema Schema = ReportSchema.For("docs/schema/infra-down-report.schema.json");

    /// <summary>
    /// app-1 and db-1 exist with the marker tags; a droplet named staging-web-2 exists without them (made by hand);
    /// staging-old-1 carries both marker tags but is not in the config; another environment's app-1 exists.
    /// </summary>
    private static CliWorld Mixed(string? config = null)
    {
        var world = new CliWorld(config);
        var cloud = world.Cloud.Cloud;
        world.Remote.Pinned["203.0.113.10"] = true;
        world.Remote.Pinned["203.0.113.11"] = true;
        cloud.AddExisting("staging", "app-1", "app");
        cloud.AddExisting("staging", "db-1", "db");
        var web = cloud.AddExisting("staging", "web-2", "app");
        cloud.Existing[web.ResourceName] = web with { Tags = ["team-web"] };
        cloud.AddExisting("prod", "app-1", "app");
        cloud.Unmanaged.Add(new UnmanagedResource("3000000009", "staging-old-1") { PublicIp = "203.0.113.99", Tags = ResourceNamer.MarkerTags("staging") });
        return world;
    }

    private static Task<(int ExitCode, string Output, string Error)> Down(CliWorld world, params string[] extra) =>
        world.RunAsync(["infra", "down", "--config", world.ConfigPath, "--env", "staging", .. extra]);

    [Fact]
    public async Task DryRun_ListsWhatWouldGo_AndChangesNothing()
    {
        using var world = Mixed();

        var text = await Down(world, "--dry-run");
        var json = await Down(world, "--dry-run", "-o", "json");

        Assert.Equal(0, text.ExitCode);
        Golden.Verify("down-dry-run.text", text.Output);
        Golden.Verify("down-dry-run.json", json.Output);
        Schema.Validate(json.Output);
        Assert.Equal(["plan staging app-1,db-1,web-2", "plan staging app-1,db-1,web-2"], world.Cloud.Cloud.Calls);
        Assert.Empty(world.Network.Network.Calls);
        Assert.Empty(world.Remote.Connects);
        Assert.Empty(world.Remote.Forgotten);
    }

    [Fact]
    public async Task Yes_DeletesOnlyDeclaredTaggedDropletsById_AfterLeavingTheMesh_ThenForgetsTheirPins()
    {
        using var world = Mixed();
        var app = world.Cloud.Cloud.Existing["staging-app-1"];
        var db = world.Cloud.Cloud.Existing["staging-db-1"];

        var (exit, output, error) = await Down(world, "--yes");

        Assert.True(exit == 0, error);
        Golden.Verify("down-deleted.text", output);
        Assert.Equal(["plan staging app-1,db-1,web-2", $"delete staging {app.Id},{db.Id}"], world.Cloud.Cloud.Calls);
        Assert.Equal(["leave staging-app-1", "leave staging-db-1"], world.Network.Network.Calls.Order(StringComparer.Ordinal));
        Assert.Equal(["staging-app-1", "staging-db-1"], world.Remote.Forgotten.Order(StringComparer.Ordinal));
        Assert.Empty(world.Remote.Pinned);
        Assert.True(world.Cloud.Cloud.Existing.ContainsKey("staging-web-2"));
        Assert.True(world.Cloud.Cloud.Existing.ContainsKey("prod-app-1"));
        Assert.Single(world.Cloud.Cloud.Unmanaged);
        Assert.Contains("not managed by stagecraft: droplet staging-web-2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_AfterDeleting_IsOneDocumentWithEachOutcome()
    {
        using var world = Mixed();

        var (exit, output, _) = await Down(world, "--yes", "--output", "json");

        Assert.Equal(0, exit);
        Golden.Verify("down-deleted.json", output);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        var hosts = document.RootElement.GetProperty("hosts");
        Assert.Equal(["deleted", "deleted", "not_managed"], hosts.EnumerateArray().Select(h => h.GetProperty("outcome").GetString()));
        Assert.Equal("left", hosts[0].GetProperty("mesh_leave").GetProperty("status").GetString());
        Assert.True(hosts[0].GetProperty("pin_removed").GetBoolean());
        Assert.Equal("kept", document.RootElement.GetProperty("unmanaged")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task SecondRun_FindsNothingToDelete_AndExitsZero()
    {
        using var world = Mixed();
        await Down(world, "--yes");
        world.Cloud.Cloud.Calls.Clear();

        var (exit, output, _) = await Down(world, "--yes", "-o", "json");

        Assert.Equal(0, exit);
        Assert.Equal(["plan staging app-1,db-1,web-2"], world.Cloud.Cloud.Calls);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(["absent", "absent", "not_managed"], document.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task IncludeUnmanaged_AlsoDeletesEnvironmentTaggedDropletsOutsideTheConfig()
    {
        using var world = Mixed();

        var (exit, output, _) = await Down(world, "--yes", "--include-unmanaged", "-o", "json");

        Assert.Equal(0, exit);
        Assert.Empty(world.Cloud.Cloud.Unmanaged);
        Assert.Contains("leave staging-old-1", world.Network.Network.Calls);
        using var document = JsonDocument.Parse(output);
        var old = document.RootElement.GetProperty("unmanaged")[0];
        Assert.Equal("deleted", old.GetProperty("outcome").GetString());
        Assert.Equal(string.Empty, old.GetProperty("name").GetString());
        Assert.True(world.Cloud.Cloud.Existing.ContainsKey("staging-web-2"));
    }

    [Fact]
    public async Task IncludeUnmanaged_WithoutTheStagecraftTag_LeavesItAlone()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.Unmanaged.Add(new UnmanagedResource("3000000009", "staging-old-1") { Tags = [ResourceNamer.EnvironmentTag("staging")] });

        var (exit, output, _) = await Down(world, "--yes", "--include-unmanaged");

        Assert.Equal(0, exit);
        Assert.Single(world.Cloud.Cloud.Unmanaged);
        Assert.DoesNotContain(world.Cloud.Cloud.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));
        Assert.Contains("not managed by stagecraft: it lacks the tag stagecraft; left alone", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_LimitsTheTeardownToTheNamedHosts_AndKeepsUnmanaged()
    {
        using var world = Mixed();
        var db = world.Cloud.Cloud.Existing["staging-db-1"];

        var (exit, output, _) = await Down(world, "--yes", "--host", "db-1", "--include-unmanaged");

        Assert.Equal(0, exit);
        Assert.Equal(["plan staging db-1", $"delete staging {db.Id}"], world.Cloud.Cloud.Calls);
        Assert.True(world.Cloud.Cloud.Existing.ContainsKey("staging-app-1"));
        Assert.Single(world.Cloud.Cloud.Unmanaged);
        Assert.Contains("--host limits the teardown", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_NotDeclared_IsAConfigErrorBeforeAnyRequest()
    {
        using var world = Mixed();

        var (exit, _, error) = await Down(world, "--yes", "--host", "db-9", "--host", "app-1");

        Assert.Equal(1, exit);
        Assert.Equal("stagecraft: --host db-9: not declared for environment staging (declared: app-1, db-1, web-2)\n", error);
        Assert.Empty(world.Cloud.Cloud.Calls);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task WithoutYesOrATerminal_RefusesAndSendsNothing(string format)
    {
        using var world = Mixed();

        var (exit, output, error) = await Down(world, "-o", format);

        Assert.Equal(1, exit);
        Assert.Equal($"stagecraft: {InfraDownHandler.RefusalMessage}\n", error);
        Assert.Empty(world.Cloud.Cloud.Calls);
        if (format == "text")
        {
            Assert.Equal(string.Empty, output);
        }

        if (format == "json")
        {
            Schema.Validate(output);
            using var document = JsonDocument.Parse(output);
            Assert.Equal("usage", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
        }
    }

    [Fact]
    public async Task Terminal_TypingTheEnvironmentName_ConfirmsAfterShowingThePlan()
    {
        using var world = Mixed();
        var prompt = new ScriptedPrompt("staging\n");
        world.Prompt = prompt;

        var (exit, _, error) = await Down(world);

        Assert.Equal(0, exit);
        Assert.Equal(["Delete 2 droplets of environment staging? Type the environment name to confirm: "], prompt.Questions);
        Assert.Contains("app-1      staging-app-1  id 2147483701  would delete", error, StringComparison.Ordinal);
        Assert.False(world.Cloud.Cloud.Existing.ContainsKey("staging-app-1"));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Terminal_AnyOtherAnswer_DeletesNothing(string? answer)
    {
        using var world = Mixed();
        world.Prompt = new ScriptedPrompt(answer);

        var (exit, output, error) = await Down(world);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("stagecraft: infra down: not confirmed; nothing was deleted (type the environment name staging, or pass --yes)\n", error, StringComparison.Ordinal);
        Assert.Equal(["plan staging app-1,db-1,web-2"], world.Cloud.Cloud.Calls);
        Assert.Empty(world.Network.Network.Calls);
    }

    [Fact]
    public async Task ADropletThatCannotBeDeleted_IsThatHostsFailure_Exit10()
    {
        using var world = Mixed();
        var db = world.Cloud.Cloud.Existing["staging-db-1"];
        world.Cloud.Cloud.DeleteFailures[db.Id] = "delete failed: 500 Internal Server Error after 5 attempts";

        var (exit, output, _) = await Down(world, "--yes");

        Assert.Equal(10, exit);
        Assert.Contains("db-1       staging-db-1   id 2147483702  failed", output, StringComparison.Ordinal);
        Assert.Contains("    delete failed: 500 Internal Server Error after 5 attempts\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("staging-db-1", world.Remote.Forgotten);
        Assert.True(world.Remote.Pinned.ContainsKey(db.PublicIp!));
        Assert.False(world.Cloud.Cloud.Existing.ContainsKey("staging-app-1"));
    }

    [Fact]
    public async Task ProviderFailure_Exit2_WithTheReasonAndTheTargetsNotDeleted()
    {
        using var world = Mixed();
        world.Cloud.Cloud.DeleteFailure = new CloudProviderException("digitalocean: DELETE /v2/droplets/2147483701: 401 Unauthorized: check the token");

        var (exit, output, _) = await Down(world, "--yes", "-o", "json");

        Assert.Equal(2, exit);
        Schema.Validate(output);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("cloud_provider", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("failed", document.RootElement.GetProperty("hosts")[0].GetProperty("outcome").GetString());
        Assert.Empty(world.Remote.Forgotten);
    }

    [Fact]
    public async Task UnreachableHost_IsStillDeleted_AndTheReportSaysItDidNotLeaveTheMesh()
    {
        using var world = Mixed();
        world.Remote.ConnectFailures["app-1"] = "connection refused";

        var (exit, output, _) = await Down(world, "--yes", "-o", "json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        var app = document.RootElement.GetProperty("hosts")[0];
        Assert.Equal("deleted", app.GetProperty("outcome").GetString());
        Assert.Equal("unreachable", app.GetProperty("mesh_leave").GetProperty("status").GetString());
        Assert.Equal("connection refused", app.GetProperty("mesh_leave").GetProperty("message").GetString());
        Assert.DoesNotContain("leave staging-app-1", world.Network.Network.Calls);
    }

    [Fact]
    public async Task NetworkProviderCannotStart_StillDeletes_WithTheLeaveNotAttempted()
    {
        using var world = Mixed();
        world.Network.CreateFailure = new InvalidOperationException("tailnet settings unreadable");

        var (exit, output, _) = await Down(world, "--yes", "-o", "json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        var leave = document.RootElement.GetProperty("hosts")[0].GetProperty("mesh_leave");
        Assert.Equal("not_attempted", leave.GetProperty("status").GetString());
        Assert.Contains("the fakenet provider cannot start: tailnet settings unreadable", leave.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(world.Cloud.Cloud.Existing.ContainsKey("staging-app-1"));
    }

    [Fact]
    public async Task ABugInTheLeave_IsThatHostsLeaveFailure_AndTheDeleteGoesOn()
    {
        using var world = Mixed();
        world.Network.Network.Throws.Set("leave staging-app-1", new InvalidOperationException("boom"));

        var (exit, output, _) = await Down(world, "--yes", "-o", "json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        var leave = document.RootElement.GetProperty("hosts")[0].GetProperty("mesh_leave");
        Assert.Equal("failed", leave.GetProperty("status").GetString());
        Assert.Contains("InvalidOperationException: boom", leave.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(world.Cloud.Cloud.Existing.ContainsKey("staging-app-1"));
    }

    [Fact]
    public async Task InterruptedBeforeTheDelete_Exit130_AndNothingIsDeleted()
    {
        using var world = Mixed();
        using var cancel = new CancellationTokenSource();
        world.Cloud.Cloud.OnDelete = cancel.Cancel;

        var (exit, output, _) = await world.RunAsync(cancel.Token, "infra", "down", "--config", world.ConfigPath, "--env", "staging", "--yes", "-o", "json");

        Assert.Equal(130, exit);
        Schema.Validate(output);
        Assert.True(world.Cloud.Cloud.Existing.ContainsKey("staging-app-1"));
        Assert.Contains("no new deletion was started", output, StringComparison.Ordinal);
        Assert.Empty(world.Remote.Forgotten);
    }

    [Fact]
    public async Task PlanFailure_Exit2()
    {
        using var world = Mixed();
        world.Cloud.Cloud.PlanFailure = new CloudProviderException("digitalocean: GET /v2/droplets: 401 Unauthorized: check the token");

        var (exit, output, _) = await Down(world, "--yes");

        Assert.Equal(2, exit);
        Assert.Contains("error (cloud_provider): exit 2", output, StringComparison.Ordinal);
    }

    /// <summary>An operator at a terminal who answers once with the given line (null: end of input).</summary>
    private sealed class ScriptedPrompt(string? answer) : IOperatorPrompt
    {
        public List<string> Questions { get; } = [];

        public bool IsInteractive => true;

        public Task<string?> AskAsync(string question, CancellationToken cancellationToken)
        {
            Questions.Add(question);
            return Task.FromResult(answer);
        }
    }
}

/// <summary><c>infra down --include-firewall</c>: the firewall goes last, and only when nothing it protects is left.</summary>
public sealed class InfraDownFirewallTests
{
    private static CliWorld Declared()
    {
        var world = new CliWorld();
        world.Cloud.Cloud.AddExisting("staging", "app-1", "app");
        world.Cloud.Cloud.AddExisting("staging", "db-1", "db");
        world.Cloud.Cloud.FirewallName = "stagecraft-shop-staging";
        return world;
    }

    private static async Task<(int Exit, JsonElement Firewall, List<string> Calls)> DownAsync(CliWorld world, params string[] extra)
    {
        var (exit, output, _) = await world.RunAsync(["infra", "down", "--config", world.ConfigPath, "--env", "staging", "-o", "json", .. extra]);
        ReportSchema.For("docs/schema/infra-down-report.schema.json").Validate(output);
        using var document = JsonDocument.Parse(output);
        return (exit, document.RootElement.GetProperty("firewall").Clone(), world.Cloud.Cloud.Calls);
    }

    [Fact]
    public async Task WithoutTheFlag_TheFirewallIsNeverLookedAt()
    {
        using var world = Declared();

        var (exit, firewall, calls) = await DownAsync(world, "--yes");

        Assert.Equal(0, exit);
        Assert.Equal(JsonValueKind.Null, firewall.ValueKind);
        Assert.DoesNotContain(calls, c => c.StartsWith("delete-firewall", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_SaysItWouldGo_AndDeletesNothing()
    {
        using var world = Declared();

        var (_, firewall, calls) = await DownAsync(world, "--dry-run", "--include-firewall");

        Assert.Equal("would_delete", firewall.GetProperty("outcome").GetString());
        Assert.Equal(["plan staging app-1,db-1,web-2", "delete-firewall staging dry-run"], calls);
    }

    [Fact]
    public async Task Yes_DeletesItAfterTheDroplets()
    {
        using var world = Declared();

        var (exit, firewall, calls) = await DownAsync(world, "--yes", "--include-firewall");

        Assert.Equal(0, exit);
        Assert.Equal("deleted", firewall.GetProperty("outcome").GetString());
        Assert.Equal("stagecraft-shop-staging", firewall.GetProperty("name").GetString());
        Assert.Equal("delete-firewall staging", calls[^1]);
        Assert.StartsWith("delete staging ", calls[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADropletStillThere_KeepsTheFirewall()
    {
        using var world = Declared();
        world.Cloud.Cloud.DeleteFailures[world.Cloud.Cloud.Existing["staging-db-1"].Id] = "delete failed: 500";

        var (exit, firewall, calls) = await DownAsync(world, "--yes", "--include-firewall");

        Assert.Equal(10, exit);
        Assert.Equal("kept", firewall.GetProperty("outcome").GetString());
        Assert.Contains("1 droplet(s) chosen for deletion are still there", firewall.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(calls, c => c.StartsWith("delete-firewall", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostLimit_KeepsTheFirewallForTheOtherHosts()
    {
        using var world = Declared();

        var (_, firewall, calls) = await DownAsync(world, "--yes", "--include-firewall", "--host", "db-1");

        Assert.Equal("kept", firewall.GetProperty("outcome").GetString());
        Assert.Contains("--host limits the teardown", firewall.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("delete-firewall staging dry-run", Assert.Single(calls, c => c.StartsWith("delete-firewall", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OnlyTheFirewallLeft_IsStillConfirmedAndDeleted()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.FirewallName = "stagecraft-shop-staging";

        var refused = await world.RunAsync("infra", "down", "--config", world.ConfigPath, "--env", "staging", "--include-firewall");
        var (exit, firewall, _) = await DownAsync(world, "--yes", "--include-firewall");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(0, exit);
        Assert.Equal("deleted", firewall.GetProperty("outcome").GetString());
    }
}
