using System.Text.RegularExpressions;
using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd;

/// <summary>Scenario 9: a config error, a missing token, and a dry run on a fresh environment.</summary>
public sealed class ConfigAndPlanTests
{
    private static readonly ConfigHost[] AppAndDb = [new("app-1", "app"), new("db-1", "db")];

    [Fact]
    public async Task InfraUp_WhenConfigHasAnUnknownKey_ExitsOneWithFileLineAndColumn()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.80"], TimeSpan.FromSeconds(1));
        var path = world.WriteConfig(AppAndDb);
        var lines = File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains("app-1: { role: app }", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("{ role: app }", "{ role: app, sise: big }", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        var column = lines[index].IndexOf("sise", StringComparison.Ordinal) + 1;

        var json = await world.RunInfraUpAsync("--output", "json");
        var text = await world.RunInfraUpAsync();

        Assert.True(json.ExitCode == 1, json.ToString());
        var location = $"{path}:{index + 1}:{column}: ";
        Assert.Contains(location, json.StandardError, StringComparison.Ordinal);
        Assert.Matches(new Regex($@"^stagecraft: .*{Regex.Escape(location)}.*sise", RegexOptions.Multiline), json.StandardError);
        var error = json.Report().GetProperty("error");
        Assert.Equal("config", error.GetProperty("kind").GetString());
        Assert.Contains(location, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, json.Report().GetProperty("exit_code").GetInt32());
        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains(location, text.StandardError, StringComparison.Ordinal);
        Assert.Empty(world.Emulator.Requests);
    }

    [Fact]
    public async Task InfraUp_WhenTokenVariableIsMissing_ExitsTwoNamingTheVariable()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.80"], TimeSpan.FromSeconds(1));
        world.WriteConfig(AppAndDb);

        var run = await world.RunInfraUpAsync(["--output", "json"], new Dictionary<string, string?> { ["DO_TOKEN"] = null });

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("digitalocean provider: API token missing from environment variable DO_TOKEN", run.StandardError, StringComparison.Ordinal);
        var error = run.Report().GetProperty("error");
        Assert.Equal("cloud_provider", error.GetProperty("kind").GetString());
        Assert.Contains("digitalocean provider: API token missing from environment variable DO_TOKEN", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(world.Emulator.Requests);
    }

    [Fact]
    public async Task InfraUp_WhenDryRunOnAFreshEnvironment_PlansCreatesAndTouchesNothing()
    {
        await using var world = await EndToEndWorld.CreateAsync(["127.0.0.80", "127.0.0.81"], TimeSpan.FromSeconds(1));
        world.WriteConfig(AppAndDb);

        var run = await world.RunInfraUpAsync("--dry-run", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Report().GetProperty("dry_run").GetBoolean());
        foreach (var name in new[] { "app-1", "db-1" })
        {
            var host = run.Host(name);
            Assert.Equal("create", host.GetProperty("provisioning").GetString());
            Assert.Equal(string.Empty, host.GetProperty("id").GetString());
            Assert.Equal("skipped", host.GetProperty("bootstrap").GetProperty("status").GetString());
        }

        Assert.Equal(2, run.Report().GetProperty("summary").GetProperty("created").GetInt32());
        Assert.Empty(world.Emulator.Droplets);
        Assert.DoesNotContain(world.Emulator.Requests, r => r.Method != "GET");
        Assert.Empty(world.Hosts);
        Assert.False(File.Exists(world.KnownHostsPath));
    }
}
