namespace Stagecraft.Core.Tests.Configuration;

/// <summary><c>infra.bootstrap.ssh.command_timeout</c>: an optional cap on every remote command's timeout.</summary>
public sealed class CommandTimeoutConfigTests
{
    private const string ReadyTimeoutLine = "      ready_timeout: 90s";

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    public void Parse_WhenCommandTimeoutIsSet_ReadsIt(string value, int seconds)
    {
        var yaml = WithCommandTimeout(value);

        var config = TestConfig.Loader().Parse(yaml, "stagecraft.yml");

        Assert.Equal(TimeSpan.FromSeconds(seconds), config.Bootstrap.Ssh.CommandTimeout);
    }

    [Fact]
    public void Parse_WhenCommandTimeoutIsAbsent_LeavesItUnset()
    {
        var config = TestConfig.Loader().Parse(TestConfig.Valid, "stagecraft.yml");

        Assert.Null(config.Bootstrap.Ssh.CommandTimeout);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("-5m")]
    public void Parse_WhenCommandTimeoutIsInvalid_ReportsPlaceAndProblem(string value)
    {
        var errors = TestConfig.Errors(WithCommandTimeout(value));

        Assert.Equal(["stagecraft.yml:28:24: infra.bootstrap.ssh.command_timeout: must be a positive duration such as 90s, 5m or 1h"], errors);
    }

    [Theory]
    [InlineData(null, 600, 600)]
    [InlineData(30, 600, 30)]
    [InlineData(900, 600, 600)]
    [InlineData(600, 600, 600)]
    public void EffectiveCommandTimeout_IsTheSmallerOfCommandAndCap(int? capSeconds, int commandSeconds, int expectedSeconds)
    {
        var settings = new Stagecraft.Core.Configuration.SshSettings(
            "root", 22, "/k", "/kh", TimeSpan.FromMinutes(1), capSeconds is { } cap ? TimeSpan.FromSeconds(cap) : null);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), settings.EffectiveCommandTimeout(TimeSpan.FromSeconds(commandSeconds)));
    }

    private static string WithCommandTimeout(string value) =>
        TestConfig.Valid.Replace(ReadyTimeoutLine, $"{ReadyTimeoutLine}\n      command_timeout: {value}", StringComparison.Ordinal);
}
