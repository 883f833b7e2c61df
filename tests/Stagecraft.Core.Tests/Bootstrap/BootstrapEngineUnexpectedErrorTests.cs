using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Configuration;
using Stagecraft.Core.Hosts;
using Stagecraft.Core.Results;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Bootstrap;

/// <summary>An exception no step expects, in one host's bootstrap, fails that host only (internal_error) and never the others.</summary>
public sealed class BootstrapEngineUnexpectedErrorTests
{
    private readonly FakeRemote remote = new();
    private readonly FakeNetwork network = new();

    private static readonly Host[] Hosts = [Host("app-1"), Host("db-1"), Host("web-2")];

    private static Host Host(string name) => new(name, "staging-" + name, "2147483701", "app", "203.0.113.10", []);

    private BootstrapEngine Engine(IProgressReporter? progress = null) =>
        new(
            remote.Create(new SshSettings("root", 22, "/k", "/kh", TimeSpan.FromMinutes(5))),
            network,
            new FakeNetworkSettings([], new Dictionary<string, IReadOnlyList<string>>(), "example.ts.net"),
            new DockerSettings(true, DockerInstallMethod.Apt),
            progress ?? NullProgressReporter.Instance);

    [Theory]
    [InlineData("run db-1")]
    [InlineData("dispose db-1")]
    [InlineData("connect db-1")]
    [InlineData("readiness db-1")]
    public async Task Run_OneHostThrowsAnything_FailsOnlyThatHostWithInternalError(string point)
    {
        remote.Throws.Set(point, new ArgumentException("malformed host key blob\nline two"));

        var results = await Engine().RunAsync(Hosts, parallelism: 2, CancellationToken.None);

        Assert.Equal(["app-1", "db-1", "web-2"], results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(BootstrapStatus.Success, results["app-1"].Status);
        Assert.Equal(BootstrapStatus.Success, results["web-2"].Status);
        Assert.Equal(BootstrapOutcome.Failed(BootstrapErrorCodes.InternalError, "unexpected error: ArgumentException: malformed host key blob line two"), results["db-1"]);
    }

    [Fact]
    public async Task Run_AnOperationCanceledNotFromTheRunToken_IsAnInternalErrorOfThatHost()
    {
        network.Throws.Set("join db-1", new TaskCanceledException("a library's own timeout"));

        var results = await Engine().RunAsync(Hosts, parallelism: 4, CancellationToken.None);

        Assert.Equal(BootstrapErrorCodes.InternalError, results["db-1"].ErrorCode);
        Assert.Equal(2, results.Values.Count(r => r.Status == BootstrapStatus.Success));
    }

    [Fact]
    public async Task Run_ProgressViewThrows_EveryHostStillGetsAResult()
    {
        var results = await Engine(new ThrowingProgress()).RunAsync(Hosts, parallelism: 1, CancellationToken.None);

        Assert.Equal(3, results.Count);
        Assert.All(results.Values, r => Assert.Equal(BootstrapErrorCodes.InternalError, r.ErrorCode));
    }

    [Fact]
    public void InternalError_IsOneLineWithTypeAndMessageAndNoStack()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("first\r\nsecond\u001b[31m");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var outcome = BootstrapOutcome.InternalError(thrown);

        Assert.Equal("unexpected error: InvalidOperationException: first second\\u001b[31m", outcome.Message);
        Assert.Equal("InvalidOperationException", UnexpectedError.Describe(new InvalidOperationException(string.Empty)));
    }

    private sealed class ThrowingProgress : IProgressReporter
    {
        public void Report(string hostName, HostStage stage) => throw new InvalidOperationException("progress broke");
    }
}
