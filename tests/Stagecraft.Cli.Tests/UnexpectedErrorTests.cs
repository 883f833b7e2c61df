using System.Text.Json;
using Stagecraft.Cli.Commands;
using Stagecraft.Cli.Composition;
using Stagecraft.Cli.Rendering;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Results;

namespace Stagecraft.Cli.Tests;

/// <summary>
/// An arbitrary exception from any port method still ends in one report with a documented exit code: a host's
/// bootstrap fails only that host (<c>internal_error</c>, exit 10); anything outside the hosts is <c>error.kind:
/// internal</c>, exit 70. (The known_hosts store is no Core port: it lives inside the SSH adapter and is reached only
/// through the readiness probe and the session factory, whose rows cover it.)
/// </summary>
public sealed class UnexpectedErrorTests
{
    private const string Victim = "db-1";
    private const string Boom = "boom from a fake port\nsecond line";

    /// <summary>Port method → exit code. Per-host points throw for db-1 only.</summary>
    public static TheoryData<string, int> PortMethods() => new()
    {
        { "cloud.Plan", ExitCodes.Internal },
        { "cloud.Preflight", ExitCodes.Internal },
        { "cloud.Apply", ExitCodes.Internal },
        { "cloudFactory.Create", ExitCodes.Internal },
        { "network.Preflight", ExitCodes.Internal },
        { "network.EnsureInstalled", ExitCodes.HostsFailed },
        { "network.EnsureJoined", ExitCodes.HostsFailed },
        { "network.NodeFqdn", ExitCodes.Internal },
        // Documented since before: a network provider that cannot start is a global bootstrap failure (exit 3).
        { "networkFactory.Create", ExitCodes.Bootstrap },
        { "session.Run", ExitCodes.HostsFailed },
        { "session.Dispose", ExitCodes.HostsFailed },
        { "sessionFactory.Connect", ExitCodes.HostsFailed },
        { "readiness.WaitUntilReady", ExitCodes.HostsFailed },
        { "remoteAccessFactory.Create", ExitCodes.Internal },
        { "remoteAccessFactory.Preflight", ExitCodes.Internal },
    };

    [Theory]
    [MemberData(nameof(PortMethods))]
    public async Task InfraUp_PortMethodThrowsAnything_OneJsonReportDocumentedExitAndOtherHostsComplete(string method, int expectedExit)
    {
        using var world = new CliWorld();
        Arm(world, method, new InvalidOperationException(Boom));

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", "json");

        Assert.Equal(expectedExit, exit);
        using var document = JsonDocument.Parse(output); // exactly one document: anything else fails to parse
        var root = document.RootElement;
        Assert.Equal(expectedExit, root.GetProperty("exit_code").GetInt32());
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        var hosts = root.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!, h => h);
        // Every declared host is listed once there is a plan (a failure before the plan knows no hosts yet).
        var beforePlan = method is "cloud.Plan" or "cloudFactory.Create" or "networkFactory.Create" or "remoteAccessFactory.Create";
        Assert.Equal(beforePlan ? [] : ["app-1", "db-1", "web-2"], hosts.Keys);
        if (expectedExit == ExitCodes.HostsFailed)
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
            var failed = hosts[Victim].GetProperty("bootstrap");
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal(BootstrapErrorCodes.InternalError, failed.GetProperty("error_code").GetString());
            Assert.Equal("unexpected error: InvalidOperationException: boom from a fake port second line", failed.GetProperty("message").GetString());
        }
        else
        {
            var kind = expectedExit == ExitCodes.Internal ? "internal" : "bootstrap";
            Assert.Equal(kind, root.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal($"stagecraft: {root.GetProperty("error").GetProperty("message").GetString()}\n", error);
        }

        // Every other host completes whenever the hosts were reached at all.
        var reached = expectedExit == ExitCodes.HostsFailed || method == "network.NodeFqdn";
        foreach (var (name, host) in hosts.Where(h => reached && (h.Key != Victim || method == "network.NodeFqdn")))
        {
            Assert.True(host.GetProperty("bootstrap").GetProperty("status").GetString() == "success", $"{name} did not complete");
        }
    }

    [Fact]
    public async Task InfraUp_TextOutput_UnexpectedGlobalError_IsOneLineNoStackAndTheReport()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.ApplyFailure = new InvalidOperationException(Boom);

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging");

        Assert.Equal(ExitCodes.Internal, exit);
        Assert.Equal("stagecraft: internal error (a bug; run again with --verbose and report it): InvalidOperationException: boom from a fake port second line\n", error);
        Assert.EndsWith("error (internal): exit 70\n", output, StringComparison.Ordinal);
        Assert.Contains("db-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfraUp_Verbose_UnexpectedGlobalError_ShowsTheStackOnStderrOnly()
    {
        using var world = new CliWorld();
        world.Cloud.Cloud.ApplyFailure = new InvalidOperationException("boom");

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--verbose", "--output", "json");

        Assert.Equal(ExitCodes.Internal, exit);
        Assert.Contains("verbose: internal error: System.InvalidOperationException: boom", error, StringComparison.Ordinal);
        Assert.Contains(" at Stagecraft.Core.Testing.FakeCloud.ApplyAsync", error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output);
        Assert.DoesNotContain("FakeCloud", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task InfraUp_ProgressViewCannotBeCreated_StillOneReportAndExit70(string format)
    {
        using var world = new CliWorld { Progress = _ => throw new InvalidOperationException("no terminal today") };

        var (exit, output, error) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", format);

        Assert.Equal(ExitCodes.Internal, exit);
        Assert.Equal("stagecraft: internal error (a bug; run again with --verbose and report it): InvalidOperationException: no terminal today\n", error);
        if (format == "json")
        {
            using var document = JsonDocument.Parse(output);
            Assert.Equal("internal", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal(70, document.RootElement.GetProperty("exit_code").GetInt32());
        }
        else
        {
            Assert.Equal(string.Empty, output);
        }
    }

    [Fact]
    public async Task InfraUp_ProgressViewThrowsOnEveryReport_HostsStillGetResults()
    {
        using var world = new CliWorld { Progress = _ => new ThrowingProgress() };

        var (exit, output, _) = await world.RunAsync("infra", "up", "--config", world.ConfigPath, "--env", "staging", "--output", "json");

        // The engine's own progress calls (planning) are outside the hosts: internal, with the report.
        Assert.Equal(ExitCodes.Internal, exit);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("internal", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ReportWriter_RendererThrows_WritesOneInternalReportInstead()
    {
        var broken = new InfraUpReport("staging", "fakecloud", "fakenet", false, [null!], [], null, 0);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ReportWriter.WriteAsync(broken, OutputFormat.Json, output, error);

        Assert.Equal(ExitCodes.Internal, exit);
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal("internal", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.StartsWith("stagecraft: internal error", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Cli_WritingTheReportThrowsOnce_TheLastNetStillWritesOneInternalReport()
    {
        using var world = new CliWorld();
        using var output = new FailingWriter(failures: 1);
        using var error = new StringWriter();

        var exit = await StagecraftCli.RunAsync(["infra", "up", "--config", world.ConfigPath, "--env", "staging", "-o", "json", "-v"], world.Dependencies, output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Internal, exit);
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal("internal", document.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("verbose: System.InvalidOperationException: stdout broke", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_StdoutIsGone_ExitsSeventyWithoutThrowing()
    {
        using var world = new CliWorld();
        using var output = new FailingWriter(failures: int.MaxValue);
        using var error = new StringWriter();

        var exit = await StagecraftCli.RunAsync(["infra", "up", "--config", world.ConfigPath, "--env", "staging", "-o", "json"], world.Dependencies, output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Internal, exit);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UsageErrors_NoMessage_StillSaysWhereHelpIs()
    {
        Assert.Equal("bad command line (see stagecraft --help)", UsageErrors.Describe([], command: ""));
    }

    /// <summary>A stdout whose first <c>failures</c> writes throw (the first as a bug, later ones as a closed pipe).</summary>
    private sealed class FailingWriter(int failures) : StringWriter
    {
        private int writes;

        public override Task WriteAsync(string? value)
        {
            var n = ++writes;
            if (n <= failures)
            {
                throw n == 1 ? new InvalidOperationException("stdout broke") : new IOException("Broken pipe");
            }

            return base.WriteAsync(value);
        }
    }

    private sealed class ThrowingProgress : IProgressReporter, IDisposable
    {
        public void Report(string hostName, HostStage stage) => throw new InvalidOperationException("progress broke");

        public void Dispose() => throw new InvalidOperationException("progress broke on dispose");
    }

    private static void Arm(CliWorld world, string method, Exception exception)
    {
        var cloud = world.Cloud.Cloud;
        var network = world.Network.Network;
        var remote = world.Remote;
        switch (method)
        {
            case "cloud.Plan": cloud.PlanFailure = exception; break;
            case "cloud.Preflight": cloud.PreflightFailure = exception; break;
            case "cloud.Apply": cloud.ApplyFailure = exception; break;
            case "cloudFactory.Create": world.Cloud.CreateFailure = exception; break;
            case "network.Preflight": network.Throws.Set("preflight", exception); break;
            case "network.EnsureInstalled": network.Throws.Set($"install {Victim}", exception); break;
            case "network.EnsureJoined": network.Throws.Set($"join {Victim}", exception); break;
            case "network.NodeFqdn": network.Throws.Set($"fqdn {Victim}", exception); break;
            case "networkFactory.Create": world.Network.CreateFailure = exception; break;
            case "session.Run": remote.Throws.Set($"run {Victim}", exception); break;
            case "session.Dispose": remote.Throws.Set($"dispose {Victim}", exception); break;
            case "sessionFactory.Connect": remote.Throws.Set($"connect {Victim}", exception); break;
            case "readiness.WaitUntilReady": remote.Throws.Set($"readiness {Victim}", exception); break;
            case "remoteAccessFactory.Create": remote.CreateFailure = exception; break;
            case "remoteAccessFactory.Preflight": remote.Throws.Set("preflight", exception); break;
            default: throw new ArgumentOutOfRangeException(nameof(method), method, "no such port method");
        }
    }
}
