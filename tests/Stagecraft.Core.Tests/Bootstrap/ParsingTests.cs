using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Testing;

namespace Stagecraft.Core.Tests.Bootstrap;

public sealed class ParsingTests
{
    [Fact]
    public void OsRelease_Ubuntu2204Fixture_IsSupported()
    {
        var os = OsRelease.Parse(SharedFiles.Fixture("remote/os-release-ubuntu-2204.txt"));

        Assert.Equal(new OsRelease("ubuntu", "22.04", "Ubuntu 22.04.4 LTS", "jammy"), os);
        Assert.True(os.IsSupported);
    }

    [Theory]
    [InlineData("ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n", true)]
    [InlineData("ID=ubuntu\nVERSION_ID='24.04'\n", true)]
    [InlineData("ID=ubuntu\nVERSION_ID=\"20.04\"\n", false)]
    [InlineData("ID=alpine\nVERSION_ID=3.20.0\nPRETTY_NAME=\"Alpine Linux v3.20\"\n", false)]
    [InlineData("garbage without equals\n", false)]
    public void OsRelease_Support_IsDecidedByIdAndVersion(string text, bool supported)
    {
        Assert.Equal(supported, OsRelease.Parse(text).IsSupported);
    }

    [Fact]
    public void DockerVersion_Fixture_IsUsable()
    {
        var version = DockerVersion.TryParse(SharedFiles.Fixture("remote/docker-version.json"));

        Assert.NotNull(version);
        Assert.True(version.DaemonUsable);
        Assert.Equal("28.3.2", version.ServerVersion);
    }

    [Fact]
    public void DockerVersion_NoDaemonFixture_IsNotUsable()
    {
        var version = DockerVersion.TryParse(SharedFiles.Fixture("remote/docker-version-no-daemon.json"));

        Assert.NotNull(version);
        Assert.False(version.DaemonUsable);
    }

    [Fact]
    public void DockerVersion_DocsSample_WithOldFields_IsUsable()
    {
        Assert.True(DockerVersion.TryParse(SharedFiles.Fixture("remote/docker-version-docs-sample.json"))!.DaemonUsable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Docker version 28.3.2, build 578ccf6")]
    [InlineData("[1,2]")]
    [InlineData("{\"Client\":")]
    public void DockerVersion_Garbage_IsNull(string output)
    {
        Assert.Null(DockerVersion.TryParse(output));
    }
}
