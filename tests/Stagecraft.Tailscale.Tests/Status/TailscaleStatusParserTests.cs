using Stagecraft.Tailscale.Status;
using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests.Status;

public sealed class TailscaleStatusParserTests
{
    [Fact]
    public void Parse_WhenRunningFixture_ReadsTailnetTagsAndSelf()
    {
        var status = TailscaleStatusParser.Parse(Fixtures.Remote("tailscale-status-running.json"), out var error);

        Assert.Equal(string.Empty, error);
        Assert.NotNull(status);
        Assert.Equal(TailscaleBackendState.Running, status.State);
        Assert.Equal("Running", status.RawState);
        Assert.Equal("tail4a7c2e.ts.net", status.TailnetSuffix);
        Assert.Equal("example.com", status.TailnetName);
        Assert.Equal("web-1", status.HostName);
        Assert.Equal("web-1.tail4a7c2e.ts.net", status.DnsName);
        Assert.Equal(["tag:server", "tag:stagecraft"], status.Tags);
        Assert.True(status.Online);
        Assert.Empty(status.Health);
    }

    [Fact]
    public void Parse_WhenNeedsLoginFixture_HasNoTailnetAndNoTags()
    {
        var status = TailscaleStatusParser.Parse(Fixtures.Remote("tailscale-status-needslogin.json"), out _);

        Assert.NotNull(status);
        Assert.Equal(TailscaleBackendState.NeedsLogin, status.State);
        Assert.Equal(string.Empty, status.TailnetSuffix);
        Assert.Equal(string.Empty, status.TailnetName);
        Assert.Equal(string.Empty, status.DnsName);
        Assert.Empty(status.Tags);
        Assert.False(status.Online);
        Assert.Equal(["Tailscale is stopped."], status.Health);
    }

    [Fact]
    public void Parse_WhenOtherTailnetFixture_ReportsItsSuffixUntagged()
    {
        var status = TailscaleStatusParser.Parse(Fixtures.Remote("tailscale-status-other-tailnet.json"), out _);

        Assert.NotNull(status);
        Assert.Equal("tail9f8e7d.ts.net", status.TailnetSuffix);
        Assert.Equal("bob@example.net", status.TailnetName);
        Assert.Empty(status.Tags);
    }

    [Fact]
    public void Parse_WhenCurrentTailnetIsMissing_FallsBackToDeprecatedSuffix()
    {
        var status = TailscaleStatusParser.Parse("""{"BackendState":"Running","MagicDNSSuffix":"Tail4A7C2E.ts.net"}""", out _);

        Assert.NotNull(status);
        Assert.Equal("tail4a7c2e.ts.net", status.TailnetSuffix);
    }

    [Fact]
    public void Parse_WhenCurrentTailnetHasASuffix_PrefersIt()
    {
        var status = TailscaleStatusParser.Parse(
            """{"BackendState":"Running","MagicDNSSuffix":"old.ts.net","CurrentTailnet":{"Name":"x","MagicDNSSuffix":"new.ts.net"}}""", out _);

        Assert.Equal("new.ts.net", status?.TailnetSuffix);
    }

    [Fact]
    public void Parse_WhenEverythingIsNull_StillParses()
    {
        var status = TailscaleStatusParser.Parse(
            """{"BackendState":"NoState","Self":null,"CurrentTailnet":null,"MagicDNSSuffix":null,"Health":null,"Peer":null,"User":null,"TailscaleIPs":null}""",
            out var error);

        Assert.Equal(string.Empty, error);
        Assert.NotNull(status);
        Assert.Equal(TailscaleBackendState.NoState, status.State);
        Assert.Equal(string.Empty, status.HostName);
        Assert.Empty(status.Tags);
        Assert.Empty(status.Health);
    }

    [Fact]
    public void Parse_WhenTagsAndHealthHoldNulls_SkipsThem()
    {
        var status = TailscaleStatusParser.Parse("""{"BackendState":"Running","Self":{"Tags":["tag:a",null]},"Health":[null,"x"]}""", out _);

        Assert.Equal(["tag:a"], status?.Tags);
        Assert.Equal(["x"], status?.Health);
    }

    [Theory]
    [InlineData("Bogus")]
    [InlineData("running")]
    [InlineData("1")]
    [InlineData("Running, Stopped")]
    [InlineData("")]
    public void Parse_WhenBackendStateIsNotKnown_IsUnknown(string state)
    {
        var status = TailscaleStatusParser.Parse($$"""{"BackendState":"{{state}}"}""", out _);

        Assert.Equal(TailscaleBackendState.Unknown, status?.State);
        Assert.Equal(state, status?.RawState);
    }

    [Fact]
    public void Parse_WhenJsonIsTruncated_ReturnsErrorWithoutEchoingIt()
    {
        var status = TailscaleStatusParser.Parse("{\"BackendState\": \"Runn", out var error);

        Assert.Null(status);
        Assert.Equal("tailscale status --json returned invalid JSON (line 1, position 22, path $.BackendState)", error);
    }

    [Fact]
    public void Parse_WhenOutputIsNotJson_ReturnsError()
    {
        var status = TailscaleStatusParser.Parse("Logged out.\n", out var error);

        Assert.Null(status);
        Assert.Equal("tailscale status --json returned invalid JSON (line 1, position 0)", error);
    }

    [Fact]
    public void Parse_WhenFieldHasWrongType_ReturnsError()
    {
        var status = TailscaleStatusParser.Parse("""{"BackendState":"Running","Self":{"Tags":"tag:a"}}""", out var error);

        Assert.Null(status);
        Assert.StartsWith("tailscale status --json returned invalid JSON (", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenJsonIsNullLiteral_ReturnsError()
    {
        Assert.Null(TailscaleStatusParser.Parse("null", out var error));
        Assert.Equal("tailscale status --json returned no status object", error);
    }
}
