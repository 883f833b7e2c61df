using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.DigitalOcean.Tests.Support;

namespace Stagecraft.DigitalOcean.Tests;

public sealed class DigitalOceanProviderFactoryTests
{
    private const string Config = """
        token_env: STAGING_DO_TOKEN
        ssh_key_name: deploy-key
        default_region: fra1
        default_size: s-1vcpu-1gb
        hosts:
          staging:
            app-1: { role: app }
        """;

    [Fact]
    public void Id_IsDigitalocean() => Assert.Equal("digitalocean", new DigitalOceanProviderFactory().Id);

    [Fact]
    public void Create_WhenTokenVariableUnset_ThrowsNamingTheVariable()
    {
        var settings = ConfigText.BindValid(Config);
        var context = new ProviderContext(new FakeTimeProvider(), new FakeSecretSource(new Dictionary<string, string>()), NullDiagnostics.Instance);

        var ex = Assert.Throws<CloudProviderException>(() => new DigitalOceanProviderFactory().Create(settings, context));

        Assert.Equal("digitalocean provider: API token missing from environment variable STAGING_DO_TOKEN", ex.Message);
    }

    [Fact]
    public void Create_WhenTokenSet_ReturnsTheProvider()
    {
        var settings = ConfigText.BindValid(Config);
        var context = new ProviderContext(new FakeTimeProvider(), new FakeSecretSource(new Dictionary<string, string> { ["STAGING_DO_TOKEN"] = "dop_v1_x" }), NullDiagnostics.Instance);

        var provider = new DigitalOceanProviderFactory().Create(settings, context);

        Assert.Equal("digitalocean", provider.Id);
    }
}
