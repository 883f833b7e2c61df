using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests;

public sealed class TailscaleVersionsTests
{
    [Fact]
    public void ParseOutput_WhenRealVersionOutput_ReadsLineOne() =>
        Assert.Equal(new Version(1, 94, 2), TailscaleVersions.ParseOutput(Fixtures.Remote("tailscale-version.txt")));

    [Theory]
    [InlineData("1.94.2-t0a29cf18b-g3f044c9f6\n", "1.94.2")]
    [InlineData("1.97.144-t1234abcd\n  track: unstable (dev); frequent updates and bugs are likely\n  tailscale commit: x\n", "1.97.144")]
    [InlineData("  1.60.0  \r\n  go version: go1.22\r\n", "1.60.0")]
    [InlineData("1.102.3", "1.102.3")]
    [InlineData("1.8.0+dirty", "1.8.0")]
    public void ParseOutput_StripsSuffixesAndLaterLines(string output, string expected) =>
        Assert.Equal(Version.Parse(expected), TailscaleVersions.ParseOutput(output));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1.94")]
    [InlineData("1.94.2.7")]
    [InlineData("version 1.94.2")]
    [InlineData("tailscale commit: 1.94.2\n")]
    [InlineData("1.94.x")]
    public void ParseOutput_WhenLineOneIsNotAVersion_ReturnsNull(string output) =>
        Assert.Null(TailscaleVersions.ParseOutput(output));

    [Theory]
    [InlineData("1.60.0", true)]
    [InlineData("0.0.1", true)]
    [InlineData("1.60", false)]
    [InlineData("1.60.0-rc1", false)]
    [InlineData("v1.60.0", false)]
    [InlineData("1.60.0\n", false)]
    public void ParseExact_AcceptsOnlyMajorMinorPatch(string text, bool valid) =>
        Assert.Equal(valid, TailscaleVersions.ParseExact(text) is not null);

    [Fact]
    public void Versions_CompareNumerically() =>
        Assert.True(TailscaleVersions.ParseExact("1.100.0") > TailscaleVersions.ParseExact("1.60.0"));
}
