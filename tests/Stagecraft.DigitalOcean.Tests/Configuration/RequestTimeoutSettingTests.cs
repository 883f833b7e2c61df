using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests.Configuration;

public sealed class RequestTimeoutSettingTests
{
    [Fact]
    public void Bind_WhenRequestTimeoutGiven_ReadsIt()
    {
        var settings = ConfigText.BindValid(Config("request_timeout: 2s\n"));

        Assert.Equal(TimeSpan.FromSeconds(2), settings.RequestTimeout);
    }

    [Fact]
    public void Bind_WhenRequestTimeoutInMinutes_ReadsIt()
    {
        var settings = ConfigText.BindValid(Config("request_timeout: 2m\n"));

        Assert.Equal(TimeSpan.FromMinutes(2), settings.RequestTimeout);
    }

    [Fact]
    public void Bind_WhenRequestTimeoutAbsent_DefaultsTo30Seconds()
    {
        var settings = ConfigText.BindValid(Config(string.Empty));

        Assert.Equal(TimeSpan.FromSeconds(30), settings.RequestTimeout);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("-5s")]
    public void Bind_WhenRequestTimeoutInvalid_ReportsLineAndColumn(string value)
    {
        var (_, errors) = ConfigText.Bind(Config($"request_timeout: {value}\n"));

        Assert.Equal(
            ["stagecraft.yml:3:18: cloud.providers.digitalocean.request_timeout: must be a positive duration such as 90s, 5m or 1h"],
            errors);
    }

    private static string Config(string requestTimeoutLine) =>
        "token_env: DO_TOKEN\n" +
        "ssh_key_name: deploy-key\n" +
        requestTimeoutLine +
        "default_region: fra1\n" +
        "default_size: s-1vcpu-1gb\n" +
        "hosts:\n" +
        "  staging:\n" +
        "    app-1: { role: app }\n";
}
